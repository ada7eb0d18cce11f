namespace LoadRepro.Core.Records;

/// <summary>
/// What TLS cost the client (<c>client.tls</c>; null for a plaintext run). Handshakes are counted when
/// <c>AuthenticateAsClientAsync</c> completes. Handshake CPU is the client thread's own CPU time
/// (CLOCK_THREAD_CPUTIME_ID) from each point where the handshake resumed after its socket I/O to the next I/O or its end:
/// the work of the TLS library, not the time spent waiting for the server's flights. A part that continues on another
/// thread is not counted, so it is a lower bound.
/// </summary>
public sealed record TlsSummary
{
    /// <summary>TLS handshakes completed by the client (one per connection opened, when none failed).</summary>
    public long Handshakes { get; init; }

    /// <summary>Handshakes begun that did not complete (a refused certificate, a protocol error, the request's timeout, the end of the run); with <see cref="Handshakes"/> they add up to the connections opened.</summary>
    public long HandshakesFailed { get; init; }

    /// <summary>Completed handshakes per second of load.</summary>
    public double HandshakesPerSecond { get; init; }

    /// <summary>CPU seconds the client spent in handshakes, as described on the type.</summary>
    public double HandshakeCpuSeconds { get; init; }

    /// <summary>CPU seconds of the whole client process (user and system) during the load.</summary>
    public double ClientCpuSeconds { get; init; }

    /// <summary><see cref="HandshakeCpuSeconds"/> as a percentage of <see cref="ClientCpuSeconds"/> (0 when the latter is 0).</summary>
    public double HandshakeCpuPercent { get; init; }

    /// <summary>The figures in one sentence, as the console and the reports print them.</summary>
    public string Sentence() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"TLS handshakes {Handshakes:N0} ({HandshakesPerSecond:0.#}/s), {HandshakesFailed:N0} failed; {HandshakeCpuSeconds:0.###} s of client CPU in handshakes, {HandshakeCpuPercent:0.#}% of the client's {ClientCpuSeconds:0.###} s");
}
