using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace LoadRepro.Server.Transport;

/// <summary>
/// A listener that does what Kestrel's socket transport does, except that a failed accept() is recorded with its errno.
/// Kestrel's own listener treats every accept error as "reset while in the backlog", logs it at Debug with no errno,
/// and retries at once: at EMFILE that is a silent busy loop.
/// </summary>
internal sealed class AcceptReportingListener : IConnectionListener
{
    /// <summary>Pause after a failed accept: the failure is not transient at EMFILE, and a busy loop would starve the box being measured.</summary>
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(1);

    private readonly Socket _socket;
    private readonly SocketConnectionContextFactory _contexts;
    private readonly AcceptFailureLog _failures;

    public AcceptReportingListener(Socket socket, SocketConnectionContextFactory contexts, AcceptFailureLog failures)
    {
        _socket = socket;
        _contexts = contexts;
        _failures = failures;
        EndPoint = socket.LocalEndPoint!;
    }

    public EndPoint EndPoint { get; }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var accepted = await _socket.AcceptAsync(cancellationToken);
                if (accepted.LocalEndPoint is IPEndPoint)
                {
                    accepted.NoDelay = true;
                }

                return _contexts.Create(accepted);
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                return null;
            }
            catch (SocketException e)
            {
                _failures.Record(e.SocketErrorCode);
                await Task.Delay(RetryPause, CancellationToken.None);
            }
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _contexts.Dispose();
        return ValueTask.CompletedTask;
    }
}
