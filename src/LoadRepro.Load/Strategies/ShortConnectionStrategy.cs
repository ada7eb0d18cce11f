using System.Buffers;
using System.Net.Sockets;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>
/// One request per connection. With HTTP/1.1 the client closes first after reading the answer, so TIME_WAIT lands on
/// the client; with HTTP/1.0 the server closes first and TIME_WAIT lands on the server.
/// </summary>
public sealed class ShortConnectionStrategy : IRequestStrategy
{
    private const int BufferBytes = 8192;
    private readonly LoadTarget _target;
    private readonly byte[] _request;
    private readonly TimeSpan _timeout;
    private readonly LoadMetrics _metrics;

    /// <summary>Creates the strategy.</summary>
    public ShortConnectionStrategy(LoadTarget target, string http, TimeSpan timeout, LoadMetrics metrics)
    {
        _target = target;
        _request = RequestBytes.Get(target.Host, target.Path, http);
        _timeout = timeout;
        _metrics = metrics;
    }

    /// <inheritdoc />
    public async ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        var socket = new Socket(_target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_target.EndPoint, timeout.Token);
            _metrics.OnConnected();
            await socket.SendAsync(_request, SocketFlags.None, timeout.Token);
            var parser = new ResponseParser();
            await ResponseReading.ReadAsync(socket, parser, buffer, timeout.Token);
            if (parser.Status == ResponseStatus.Completed && parser.StatusCode is >= 200 and < 300)
            {
                _metrics.OnOk(intendedStart);
            }
            else
            {
                _metrics.OnFailed(FailureKinds.BadResponse);
            }
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            _metrics.OnFailed(FailureKinds.Of(e));
        }
        finally
        {
            // Close without lingering: after a complete answer this is a FIN (client closes first).
            socket.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
