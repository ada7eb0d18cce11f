using LoadRepro.Core.Records;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Pipeline.Samples;

/// <summary>
/// The source the run's one sampling loop reads: the server side's sample, with the client-side TCP states of a second source
/// read at the same tick once one is attached (the client in another namespace).
/// </summary>
public sealed class ClientSideJoin : ISampleSource
{
    private readonly ISampleSource _server;
    private volatile ISampleSource? _client;

    /// <summary>Reads <paramref name="server"/> until a client side is attached.</summary>
    public ClientSideJoin(ISampleSource server) => _server = server;

    /// <inheritdoc />
    public SocketSourceKind Source => _server.Source;

    /// <summary>From now on, each sample's client-side states come from <paramref name="client"/>; null changes nothing.</summary>
    public void Attach(ISampleSource? client) => _client = client;

    /// <inheritdoc />
    public Sample Take(double seconds, SamplePhase phase) => Join(_server.Take(seconds, phase), seconds, phase);

    /// <summary>The server side's sample if it has a new one (an agent's stream may not), joined with the client side's states.</summary>
    public bool TryTake(double seconds, SamplePhase phase, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Sample? sample)
    {
        sample = _server.TryTake(seconds, phase, out var server) ? Join(server, seconds, phase) : null;
        return sample is not null;
    }

    private Sample Join(Sample sample, double seconds, SamplePhase phase)
    {
        if (_client is not { } client || !sample.Alive)
        {
            return sample;
        }

        var clientSide = client.Take(seconds, phase);
        return clientSide.Alive ? sample with { ClientTcp = clientSide.ClientTcp, TcpCarried = sample.TcpCarried || clientSide.TcpCarried } : sample;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _server.Dispose();
        _client?.Dispose();
    }
}
