using System.Net;

namespace LoadRepro.Server.Bugs;

/// <summary>
/// A downstream dependency that never answers: an HTTP call, through one shared client, to a local endpoint that
/// accepts and reads but never writes (a stuck service). Each call in flight holds an outbound socket, and the endpoint's
/// accepted socket with it, so a caller that waits without a token leaks two descriptors for as long as it waits.
/// Kestrel itself closes the inbound socket when the client gives up, even while the handler hangs (measured with
/// .NET 10): what a hung handler leaks is what it holds, here the downstream connection.
/// </summary>
public sealed class SilentDownstream : IDisposable
{
    // A connect that completes after its request gave up is not dropped: the handler pools it, idle, for a minute by default.
    // Toward a downstream that never answers such a connection is only noise (one ESTABLISHED that no handler holds), so idle
    // connections are closed after a second; the ones a hung handler holds are in use and stay.
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1) }) { Timeout = Timeout.InfiniteTimeSpan };
    private Uri? _target;

    /// <summary>Sets the silent endpoint's port, once the server has bound it.</summary>
    public void Target(int port) => _target = new Uri($"http://{IPAddress.Loopback}:{port}/");

    /// <summary>Calls the downstream: completes only when <paramref name="ct"/> is cancelled (then throws <see cref="OperationCanceledException"/>).</summary>
    public async Task CallAsync(CancellationToken ct)
    {
        var target = _target ?? throw new InvalidOperationException("the downstream endpoint is not bound yet");
        using var response = await _client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
