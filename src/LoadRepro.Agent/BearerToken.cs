using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace LoadRepro.Agent;

/// <summary>
/// The agent's one check on a request: <c>Authorization: Bearer TOKEN</c>, compared in constant time (both sides are
/// hashed first, so neither the content nor the length of the token leaks through timing). A request without it gets
/// 401 and nothing else.
/// </summary>
public sealed class BearerToken
{
    private readonly byte[] _expected;

    /// <summary>Asks every request for <paramref name="token"/>.</summary>
    public BearerToken(string token) => _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="request"/> carries the token.</summary>
    public bool Admits(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        var given = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _expected);
    }
}
