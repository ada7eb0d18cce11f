using System.Net.Sockets;
using LoadRepro.Core.Platform;

namespace LoadRepro.Load.Metrics;

/// <summary>Names request failures as the reports do: errno names where one applies, else <c>timeout</c> or <c>badResponse</c>.</summary>
public static class FailureKinds
{
    /// <summary>The request took longer than the scenario's timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The answer was not a complete HTTP response, or not a 2xx.</summary>
    public const string BadResponse = "badResponse";

    /// <summary>The kind of a failure.</summary>
    public static string Of(Exception e) => e switch
    {
        SocketException s => ErrnoNames.Of(s.SocketErrorCode),
        OperationCanceledException => Timeout,
        IOException { InnerException: SocketException s } => ErrnoNames.Of(s.SocketErrorCode),
        _ => e.GetType().Name,
    };
}
