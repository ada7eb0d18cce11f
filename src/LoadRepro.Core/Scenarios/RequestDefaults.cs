namespace LoadRepro.Core.Scenarios;

/// <summary>What <c>load.request</c> and <c>load.requests</c> accept, in one place.</summary>
public static class RequestDefaults
{
    /// <summary>
    /// The methods a scenario may send. HEAD is not one: its answer announces a body that never comes, and the engine's
    /// response reader would wait for it.
    /// </summary>
    public static IReadOnlyList<string> Methods { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    /// <summary>Headers the engine writes itself: the target decides Host, the body Content-Length, the strategy the rest.</summary>
    public static IReadOnlyList<string> FramingHeaders { get; } = ["Host", "Content-Length", "Transfer-Encoding", "Connection"];

    /// <summary>The most kinds in one mix.</summary>
    public const int MaxKinds = 32;

    /// <summary>The largest weight of one kind.</summary>
    public const int MaxWeight = 1000;

    /// <summary>The largest body, in bytes: 1 MiB, what the test server accepts.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>The most extra headers on one kind.</summary>
    public const int MaxHeaders = 64;
}
