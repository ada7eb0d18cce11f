using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace LoadRepro.Server.Transport;

/// <summary>Binds TCP endpoints with <see cref="AcceptReportingListener"/>; Kestrel uses it in place of its socket transport.</summary>
public sealed class AcceptReportingListenerFactory : IConnectionListenerFactory
{
    private readonly AcceptFailureLog _failures;
    private readonly ILoggerFactory _loggers;

    /// <summary>Creates the factory.</summary>
    public AcceptReportingListenerFactory(AcceptFailureLog failures, ILoggerFactory loggers)
    {
        _failures = failures;
        _loggers = loggers;
    }

    /// <inheritdoc />
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not IPEndPoint ip)
        {
            throw new NotSupportedException($"only TCP endpoints are served, not {endpoint}");
        }

        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(ip);
            socket.Listen(512);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw new AddressInUseException(e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), _loggers.CreateLogger<SocketConnectionContextFactory>());
        return ValueTask.FromResult<IConnectionListener>(new AcceptReportingListener(socket, contexts, _failures));
    }
}
