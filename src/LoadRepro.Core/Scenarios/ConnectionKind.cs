using System.Text.Json.Serialization;

namespace LoadRepro.Core.Scenarios;

/// <summary>How the client uses connections (<c>load.connection</c>); named in kebab-case, HttpClient as one word.</summary>
public enum ConnectionKind
{
    /// <summary>One request per connection; the client closes after reading the answer (HTTP/1.1) or the server closes (HTTP/1.0).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "'short connection' is the domain's name for one request per connection.")]
    Short,

    /// <summary>A pool of persistent connections, many requests each.</summary>
    KeepAlive,

    /// <summary>Send the request, shut down the write side (FIN), then read the answer.</summary>
    HalfClose,

    /// <summary>Send the request and close after a client timeout without waiting for the answer.</summary>
    Abandon,

    /// <summary>Abortive close (SO_LINGER 0): an RST instead of a FIN, so no TIME_WAIT.</summary>
    Rst,

    /// <summary>Open connections, send one request each, then hold them idle.</summary>
    IdleHold,

    /// <summary>A new HttpClient per request (the classic .NET misuse).</summary>
    [JsonStringEnumMemberName("httpclient-per-request")]
    HttpClientPerRequest,

    /// <summary>One shared HttpClient with a pooled handler.</summary>
    [JsonStringEnumMemberName("httpclient-shared")]
    HttpClientShared,
}
