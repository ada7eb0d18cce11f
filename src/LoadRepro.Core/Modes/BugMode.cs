namespace LoadRepro.Core.Modes;

/// <summary>A server-side bug the test server can switch on, each a copy of a real-world mistake.</summary>
public enum BugMode
{
    /// <summary>Correct behaviour: every connection is closed when it is done.</summary>
    None,

    /// <summary>After the peer's FIN the connection is never closed: CLOSE_WAIT grows until EMFILE.</summary>
    IgnorePeerFin,

    /// <summary>A Kestrel endpoint awaits a downstream that never answers and ignores RequestAborted.</summary>
    HangHandler,

    /// <summary>Every request opens a file and never disposes it: descriptors grow, sockets do not.</summary>
    LeakFile,

    /// <summary>The server closes a connection only some seconds after the peer's FIN: a CLOSE_WAIT plateau.</summary>
    SlowClose,

    /// <summary>Each request makes an outbound HttpClient call with a new client: TIME_WAIT on the outbound side.</summary>
    OutboundPerRequest,
}
