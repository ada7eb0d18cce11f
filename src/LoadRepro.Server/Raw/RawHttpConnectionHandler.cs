using System.IO.Pipelines;
using LoadRepro.Core.Modes;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;

namespace LoadRepro.Server.Raw;

/// <summary>
/// HTTP/1.x over the connection's pipes, below Kestrel's HTTP stack, so socket-level bugs can be imitated exactly:
/// returning from <see cref="OnConnectedAsync"/> is what closes the socket. Kestrel's keep-alive timeout does not
/// reach this far down, so the idle timeout of the keep-alive mode is applied here.
/// </summary>
public sealed class RawHttpConnectionHandler : ConnectionHandler
{
    private readonly ServerModes _modes;
    private readonly LeakedConnectionRegistry _leaked;
    private readonly ServerCounters _counters;
    private readonly CancellationToken _stopping;

    /// <summary>Creates the handler.</summary>
    public RawHttpConnectionHandler(ServerModes modes, LeakedConnectionRegistry leaked, ServerCounters counters, IHostApplicationLifetime lifetime)
    {
        _modes = modes;
        _leaked = leaked;
        _counters = counters;
        _stopping = lifetime.ApplicationStopping;
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
            // The peer reset, the idle timeout struck, or the server is stopping: the connection is over either way.
        }
    }

    private async Task ServeAsync(ConnectionContext connection)
    {
        if (_stopping.IsCancellationRequested)
        {
            // Accepted while the server stops: a leak's release frees descriptors and the listener, at its limit until then,
            // takes its backlog (clients that gave up at EMFILE). Closed unanswered, so the count of answers ends at the stop.
            return;
        }

        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        using var idle = new CancellationTokenSource();
        var served = 0;
        var hanging = false;

        // The first request decides whether this connection carries the bug (--bug-path): a leak lives in one handler.
        bool? buggy = null;
        while (true)
        {
            var result = await ReadAsync(input, hanging ? null : _modes.IdleTimeout, idle);
            var buffer = result.Buffer;
            var closeNow = false;
            while (!closeNow && !hanging)
            {
                var status = RequestHeadParser.TryParse(buffer, out var head, out var consumed, _modes.BugPath);
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
                buggy ??= head.OnBugPath;
                if (head.Endpoint == RawEndpoint.Hang)
                {
                    // Never answered. Reading goes on, without an idle timeout, only to notice the peer's FIN.
                    hanging = true;
                    break;
                }

                served++;
                _counters.Request(StackKind.Raw);
                var keep = _modes.KeepOpen(head.ClientWantsKeepAlive, served);
                if (head.Endpoint == RawEndpoint.Delay)
                {
                    await output.FlushAsync();
                    await Task.Delay(head.Argument, _stopping);
                }

                RawResponses.WriteOk(output, head.Endpoint == RawEndpoint.Bytes ? head.Argument : -1, close: !keep, http10KeepAlive: keep && !head.Http11);
                closeNow = !keep;
            }

            if (hanging)
            {
                buffer = buffer.Slice(buffer.End);
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
                // A connection that sent no request yet has no path: with a bug path, it is not the buggy handler's.
                if (buggy ?? _modes.BugPath.Length == 0)
                {
                    await OnPeerFinAsync(connection);
                }

                return;
            }
        }
    }

    /// <summary>Reads with the idle timeout, if any; a timeout throws <see cref="OperationCanceledException"/>, which closes the connection.</summary>
    private static async ValueTask<ReadResult> ReadAsync(PipeReader input, TimeSpan? timeout, CancellationTokenSource idle)
    {
        if (timeout is not { } t)
        {
            return await input.ReadAsync();
        }

        idle.CancelAfter(t);
        var result = await input.ReadAsync(idle.Token);
        if (!idle.TryReset())
        {
            // The timeout struck just as bytes arrived: treat it as struck, the connection was idle for the whole period.
            throw new OperationCanceledException(idle.Token);
        }

        return result;
    }

    private Task OnPeerFinAsync(ConnectionContext connection) => _modes.Bug switch
    {
        // The bug: the read side ended (read returned 0) and nothing ever closes the socket. It stays in CLOSE_WAIT,
        // holding its descriptor, until the process dies or the bug is switched off. Held until the server stops, too: the
        // release at stopping frees descriptors, the listener then accepts its backlog (clients that gave up at EMFILE) and
        // each of those would be held anew, and Kestrel waited its whole shutdown timeout (3 s more, in 2 runs of 5).
        BugMode.IgnorePeerFin => _leaked.HoldAsync(connection).WaitAsync(_stopping),

        // The delayed-cleanup bug: the socket is closed, but only N seconds after the FIN. CLOSE_WAIT plateaus at
        // rate × N instead of growing without bound. The timer roots the connection, so the delay is exact.
        BugMode.SlowClose => Task.Delay(_modes.SlowCloseDelay, _stopping),
        _ => Task.CompletedTask,
    };
}
