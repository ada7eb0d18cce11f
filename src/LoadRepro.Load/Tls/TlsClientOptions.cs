using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using LoadRepro.Load.Engine;

namespace LoadRepro.Load.Tls;

/// <summary>The client side of a TLS handshake as <see cref="TlsTarget"/> asks for it, and what a refused certificate means in words.</summary>
public static class TlsClientOptions
{
    /// <summary>The options of <see cref="SslStream.AuthenticateAsClientAsync(SslClientAuthenticationOptions, CancellationToken)"/> for <paramref name="tls"/>.</summary>
    public static SslClientAuthenticationOptions For(TlsTarget tls) => new()
    {
        // An IP address is not a server name: SslStream sends no SNI for it, as RFC 6066 requires.
        TargetHost = tls.ServerName,
        RemoteCertificateValidationCallback = (_, certificate, _, errors) => Accepts(tls, certificate, errors),
    };

    /// <summary>Why the certificate <paramref name="certificate"/> is refused for <paramref name="tls"/>, in one phrase; null when it is accepted.</summary>
    public static string? Problem(TlsTarget tls, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (Accepts(tls, certificate, errors))
        {
            return null;
        }

        if (certificate is null)
        {
            return "the server sent no certificate";
        }

        if (tls.PinnedSha256 is not null)
        {
            return $"its certificate is not the one the test server announced (SHA-256 {tls.PinnedSha256})";
        }

        var what = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            what.Add($"it is not issued for '{tls.ServerName}'");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var cert = new X509Certificate2(certificate);
            chain.Build(cert);
            var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList();
            what.Add($"its chain does not validate ({(statuses.Count > 0 ? string.Join(", ", statuses) : "untrusted")}; issuer '{cert.Issuer}')");
        }

        return string.Join(" and ", what);
    }

    private static bool Accepts(TlsTarget tls, X509Certificate? certificate, SslPolicyErrors errors) =>
        tls.Insecure
        || (tls.PinnedSha256 is { } pin
            ? certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), pin, StringComparison.OrdinalIgnoreCase)
            : errors == SslPolicyErrors.None);

    /// <summary>The server name for <paramref name="host"/> (a URL's host, or an address): IP addresses stay as they are.</summary>
    public static string ServerNameOf(string host) => IPAddress.TryParse(host.Trim('[', ']'), out _) ? host.Trim('[', ']') : host;
}
