namespace LoadRepro.Core.Modes;

/// <summary>Which of the test server's two HTTP stacks a scenario's load is aimed at.</summary>
public enum StackKind
{
    /// <summary>Our own HTTP/1.x handler on the connection's pipes, below Kestrel's HTTP stack: for socket-level bugs.</summary>
    Raw,

    /// <summary>Kestrel's own HTTP stack with minimal API endpoints: for application-level bugs.</summary>
    Http,
}
