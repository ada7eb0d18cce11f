using System.Net;

namespace LoadRepro.Load.Engine;

/// <summary>Where the load goes: an endpoint, the Host header, the path, and TLS when the target speaks it.</summary>
public sealed record LoadTarget
{
    /// <summary>The server's address.</summary>
    public required IPEndPoint EndPoint { get; init; }

    /// <summary>The Host header value, e.g. <c>127.0.0.1:8080</c>.</summary>
    public required string Host { get; init; }

    /// <summary>The request path; default <c>/</c>.</summary>
    public string Path { get; init; } = "/";

    /// <summary>TLS settings for an <c>https://</c> target; null (the default) for plain HTTP.</summary>
    public TlsTarget? Tls { get; init; }

    /// <summary>The target as a URL.</summary>
    public string Url => $"{(Tls is null ? "http" : "https")}://{Host}{Path}";
}
