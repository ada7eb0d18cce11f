namespace LoadRepro.Server.Raw;

/// <summary>The facts of one parsed request that the handler acts on.</summary>
public readonly record struct RequestHead
{
    /// <summary>True for HTTP/1.1, false for HTTP/1.0.</summary>
    public bool Http11 { get; init; }

    /// <summary>The client sent <c>Connection: close</c>.</summary>
    public bool ConnectionClose { get; init; }

    /// <summary>The client sent <c>Connection: keep-alive</c> (what an HTTP/1.0 client must send to keep the connection).</summary>
    public bool ConnectionKeepAlive { get; init; }

    /// <summary>The request's endpoint.</summary>
    public RawEndpoint Endpoint { get; init; }

    /// <summary>The number in the path, for <c>/bytes/N</c> and <c>/delay/MS</c>.</summary>
    public int Argument { get; init; }

    /// <summary>The path (before any query) is the bug path, or no bug path is set: this request may carry the bug.</summary>
    public bool OnBugPath { get; init; }

    /// <summary>Whether the connection may stay open after the answer, by the protocol's rules.</summary>
    public bool ClientWantsKeepAlive => Http11 ? !ConnectionClose : ConnectionKeepAlive;
}
