using System.Net;
using LoadRepro.Server.Hosting;

namespace LoadRepro.Server.Bugs;

/// <summary>
/// The outbound-per-request bug: every request calls a second endpoint through a brand-new HttpClient that is disposed
/// when the request ends (the classic "using (var client = new HttpClient())"). Each call opens a fresh connection and
/// closing it first leaves a TIME_WAIT socket on this, the calling side, whose remote port is the outbound endpoint;
/// under load the calling side runs out of ports. A shared client would reuse one pooled connection.
/// </summary>
public sealed class OutboundPerRequest
{
    private readonly ServerCounters _counters;
    private Uri? _target;

    /// <summary>Creates the bug.</summary>
    public OutboundPerRequest(ServerCounters counters) => _counters = counters;

    /// <summary>Sets the outbound endpoint's port, once the server has bound it.</summary>
    public void Target(int port) => _target = new Uri($"http://{IPAddress.Loopback}:{port}/");

    /// <summary>Makes one call with a new client; returns the downstream's status code.</summary>
    public async Task<HttpStatusCode> CallAsync(CancellationToken ct)
    {
        var target = _target ?? throw new InvalidOperationException("the outbound endpoint is not bound yet");
        _counters.OutboundCall();
        using var client = new HttpClient();
        using var response = await client.GetAsync(target, ct);
        return response.StatusCode;
    }
}
