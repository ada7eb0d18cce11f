using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Tls;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// One TLS handshake with an https target before its run starts, so that a certificate the load would refuse on every
/// connection is one line naming the problem (exit 3), not thousands of failed requests.
/// </summary>
public static class TlsProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Shakes hands with <paramref name="target"/> when it speaks TLS; nothing when it does not.</summary>
    /// <exception cref="UserFacingException">Its certificate does not validate (and no <c>--insecure</c>), or it does not complete a TLS handshake (exit 3).</exception>
    public static async Task CheckAsync(LoadTarget target, string option, CancellationToken ct)
    {
        if (target.Tls is not { } tls)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        string? problem = null;
        var options = TlsClientOptions.For(tls);
        options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            problem = TlsClientOptions.Problem(tls, certificate, errors);
            return problem is null;
        };
        using var socket = new Socket(target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target.EndPoint, timeout.Token);
            await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: false));
            await stream.AuthenticateAsClientAsync(options, timeout.Token);
        }
        catch (AuthenticationException e) when (problem is not null)
        {
            throw new UserFacingException(
                $"{option}: the TLS certificate of {tls.ServerName} ({target.EndPoint}) is refused: {problem}; add --insecure to load it anyway",
                ExitCodes.Environment,
                e);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var why = e is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : (e.InnerException ?? e).Message.TrimEnd('.');
            throw new UserFacingException($"{option}: {target.EndPoint} did not complete a TLS handshake ({why}): does it serve https on that port?", ExitCodes.Environment, e);
        }
    }
}
