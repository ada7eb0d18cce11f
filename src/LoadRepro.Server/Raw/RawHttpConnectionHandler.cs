using System.IO.Pipelines;
using LoadRepro.Core.Modes;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Hosting;
using Microsoft.AspNetCore.Connections;

namespace LoadRepro.Server.Raw;

/// <summary>
/// HTTP/1.x over the connection's pipes, below Kestrel's HTTP stack, so socket-level bugs can be imitated exactly:
/// returning from <see cref="OnConnectedAsync"/> is what closes the socket.
/// </summary>
public sealed class RawHttpConnectionHandler : ConnectionHandler
{
    private readonly ServerModes _modes;
    private readonly LeakedConnectionRegistry _leaked;

    /// <summary>Creates the handler.</summary>
    public RawHttpConnectionHandler(ServerModes modes, LeakedConnectionRegistry leaked)
    {
        _modes = modes;
        _leaked = leaked;
    }

    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        try
        {
            await ServeAsync(connection);
        }
        catch (Exception e) when (e is ConnectionResetException or ConnectionAbortedException or OperationCanceledException or IOException)
        {
            // The peer reset or the server is stopping: the connection is over either way.
        }
    }

    private async Task ServeAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        var served = 0;
        while (true)
        {
            var result = await input.ReadAsync();
            var buffer = result.Buffer;
            var closeNow = false;
            while (!closeNow)
            {
                var status = RequestHeadParser.TryParse(buffer, out var head, out var consumed);
                if (status == ParseStatus.Incomplete)
                {
                    break;
                }

                if (status != ParseStatus.Complete)
                {
                    RawResponses.WriteError(output, status);
                    buffer = buffer.Slice(buffer.End);
                    closeNow = true;
                    break;
                }

                buffer = buffer.Slice(consumed);
                served++;
                var keep = KeepOpen(head, served);
                if (head.Endpoint == RawEndpoint.Delay)
                {
                    await output.FlushAsync();
                    await Task.Delay(head.Argument);
                }

                RawResponses.WriteOk(output, head.Endpoint == RawEndpoint.Bytes ? head.Argument : -1, close: !keep, http10KeepAlive: keep && !head.Http11);
                closeNow = !keep;
            }

            var flush = await output.FlushAsync();
            input.AdvanceTo(buffer.Start, buffer.End);
            if (closeNow || flush.IsCompleted)
            {
                // Returning closes the socket: the server closes first, so TIME_WAIT lands here.
                return;
            }

            if (result.IsCompleted)
            {
                await OnPeerFinAsync(connection);
                return;
            }
        }
    }

    private bool KeepOpen(RequestHead head, int served)
    {
        var mode = _modes.KeepAlive;
        return head.ClientWantsKeepAlive && mode.Kind switch
        {
            KeepAliveKind.Off => false,
            KeepAliveKind.MaxRequests => served < mode.MaxRequests,
            _ => true,
        };
    }

    private Task OnPeerFinAsync(ConnectionContext connection) => _modes.Bug switch
    {
        // The bug: the read side ended (read returned 0) and nothing ever closes the socket. It stays in CLOSE_WAIT,
        // holding its descriptor, until the process dies.
        BugMode.IgnorePeerFin => _leaked.HoldAsync(connection),
        _ => Task.CompletedTask,
    };
}
