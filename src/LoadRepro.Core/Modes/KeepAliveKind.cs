namespace LoadRepro.Core.Modes;

/// <summary>How the test server treats persistent connections.</summary>
public enum KeepAliveKind
{
    /// <summary>Persistent connections with Kestrel's default idle timeout (130 s).</summary>
    On,

    /// <summary>The server answers <c>Connection: close</c> and closes first, so TIME_WAIT lands on the server.</summary>
    Off,

    /// <summary>Persistent connections closed after an idle timeout.</summary>
    Timeout,

    /// <summary>The server closes a connection after a number of requests.</summary>
    MaxRequests,

    /// <summary>No idle timeout at all: idle connections pile up.</summary>
    Forever,
}
