using System.Net.Sockets;
using System.Security.Authentication;
using LoadRepro.Core.Platform;

namespace LoadRepro.Load.Metrics;

/// <summary>Names request failures as the reports do: errno names where one applies, else <c>timeout</c> or <c>badResponse</c>.</summary>
public static class FailureKinds
{
    /// <summary>The request took longer than the scenario's timeout, or the client gave up on it.</summary>
    public const string Timeout = "timeout";

    /// <summary>The answer was not a complete HTTP response, or not a 2xx.</summary>
    public const string BadResponse = "badResponse";

    /// <summary>The TLS handshake failed: a certificate that does not validate, or a protocol the two sides do not share.</summary>
    public const string TlsHandshake = "tlsHandshake";

    /// <summary>The kind of a failure: the errno of the socket error underneath, if any, however deeply HttpClient wrapped it.</summary>
    public static string Of(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException s)
            {
                return ErrnoNames.Of(s.SocketErrorCode);
            }
        }

        return e switch
        {
            OperationCanceledException => Timeout,
            AuthenticationException => TlsHandshake,
            HttpRequestException { InnerException: AuthenticationException } => TlsHandshake,
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded } => BadResponse,
            _ => e.GetType().Name,
        };
    }

    /// <summary>
    /// True when <paramref name="e"/> is a failure of the request to count, false when it is the run being stopped
    /// (<paramref name="run"/> cancelled), which must propagate so the model stops.
    /// </summary>
    public static bool IsRequestFailure(Exception e, CancellationToken run) =>
        e is SocketException or IOException or HttpRequestException or AuthenticationException || (e is OperationCanceledException && !run.IsCancellationRequested);
}
