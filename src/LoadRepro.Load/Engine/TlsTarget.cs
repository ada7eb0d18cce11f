namespace LoadRepro.Load.Engine;

/// <summary>
/// How the load speaks TLS to its target: the name it sends as SNI and checks the certificate against, and what it
/// accepts as the server's certificate.
/// </summary>
public sealed record TlsTarget
{
    /// <summary>The server name: sent as SNI (unless it is an IP address, which TLS does not allow there) and checked against the certificate.</summary>
    public required string ServerName { get; init; }

    /// <summary>Accept any certificate (<c>--insecure</c>); default false.</summary>
    public bool Insecure { get; init; }

    /// <summary>
    /// The SHA-256 hash (hex) of the one certificate to accept whatever its chain, or null to validate it as usual: the
    /// embedded test server's self-signed certificate, made at its start and named on its readiness line.
    /// </summary>
    public string? PinnedSha256 { get; init; }
}
