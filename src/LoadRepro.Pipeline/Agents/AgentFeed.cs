using LoadRepro.Agent;
using LoadRepro.Core.Clock;

namespace LoadRepro.Pipeline.Agents;

/// <summary>
/// The agent's samples stream pulled in the background while a run lasts (<c>GET /samples?after=N</c>, twice per sample
/// interval), so that the run's sampling loop never waits on the network: each tick reads the newest sample that arrived.
/// The clock offset is measured once at the start. When the agent stops answering for <see cref="Silence"/>, or sees the
/// target gone, the feed says so once and when.
/// </summary>
public sealed class AgentFeed : IDisposable
{
    /// <summary>How long the agent may stay silent before its samples count as stopped.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(3);

    private const int ClockProbes = 8;
    private readonly AgentClient _client;
    private readonly TimeSpan _pullEvery;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<AgentSample> _targetGone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile AgentSample? _newest;
    private volatile string? _stopReason;
    private long _seq;
    private Task _pulling = Task.CompletedTask;

    private AgentFeed(AgentClient client, ClockOffset clock, AgentSamplesPage first, TimeSpan interval)
    {
        _client = client;
        Clock = clock;
        _pullEvery = TimeSpan.FromMilliseconds(Math.Max(20, interval.TotalMilliseconds / 2));
        Port = first.Port;
        Pids = first.Pids;

        // Only the newest of the first page: an older sample may show a target gone before this run (a server restarted since).
        _newest = first.Samples[^1];
        _seq = first.Samples[^1].Seq;
    }

    /// <summary>The agent's URL.</summary>
    public Uri Url => _client.Url;

    /// <summary>The agent host's clock against this host's, measured when the feed opened.</summary>
    public ClockOffset Clock { get; }

    /// <summary>The port whose sockets the agent counts (its <c>--target-port</c>).</summary>
    public int Port { get; }

    /// <summary>The processes the agent sampled when the feed opened.</summary>
    public IReadOnlyList<int> Pids { get; }

    /// <summary>The newest sample received; null before the first.</summary>
    public AgentSample? Newest => _newest;

    /// <summary>Why the agent's samples stopped before the run's end, in words; null while they come.</summary>
    public string? StopReason => _stopReason;

    /// <summary>Completes with the first sample in which the agent found the target gone.</summary>
    public Task<AgentSample> TargetGone => _targetGone.Task;

    /// <summary>How the clock offset was measured, in words for the reports.</summary>
    public string ClockMethod => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Clock.Probes} GET /samples requests at the start; offset = the agent's clock in its answer minus the midpoint of the request's send and receive on this host, from the request with the smallest round trip ({Clock.RoundTripMs:0.###} ms); the agent's clock, read in whole milliseconds, taken at the middle of its millisecond; bound = half that round trip plus half a millisecond");

    /// <summary>
    /// Checks that the agent answers (with the token) and samples a live target, measures the clock offset, and starts pulling.
    /// </summary>
    /// <exception cref="AgentUnavailableException">The agent cannot be reached, refuses the token, or finds no target.</exception>
    public static async Task<AgentFeed> OpenAsync(AgentClient client, TimeSpan interval, CancellationToken ct)
    {
        var first = await client.PageAsync(0, ct, AgentClient.FirstRequestTimeout);
        if (first.Samples.Count == 0 || !first.Samples[^1].Sample.Alive)
        {
            throw new AgentUnavailableException(first.Port == 0
                ? $"the agent at {client.Url} finds no process to sample (its --pid is gone)"
                : $"the agent at {client.Url} finds no process listening on port {first.Port} on its host");
        }

        if (first.Port == 0)
        {
            throw new AgentUnavailableException($"the agent at {client.Url} counts no port's sockets: start it with --target-port (the server's port on its host)");
        }

        var clock = await client.MeasureClockAsync(ClockProbes, ct);
        var feed = new AgentFeed(client, clock, first, interval);
        feed._pulling = feed.PullAsync(feed._stop.Token);
        return feed;
    }

    /// <summary>Stops pulling; the newest sample stays readable.</summary>
    public void Stop() => _stop.Cancel();

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _pulling.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
        _client.Dispose();
    }

    private async Task PullAsync(CancellationToken ct)
    {
        var lastAnswer = DateTime.UtcNow;
        using var timer = new PeriodicTimer(_pullEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    Take(await _client.PageAsync(Interlocked.Read(ref _seq), ct));
                    lastAnswer = DateTime.UtcNow;
                }
                catch (AgentUnavailableException e) when (DateTime.UtcNow - lastAnswer >= Silence)
                {
                    _stopReason = $"{e.Message}; nothing from it for {Silence.TotalSeconds:0} s";
                    return;
                }
                catch (AgentUnavailableException)
                {
                    // Silent for less than Silence: the next pull may get through (a busy host, one lost connection).
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Take(AgentSamplesPage page)
    {
        if (page.Samples.Count == 0)
        {
            return;
        }

        if (page.Samples.FirstOrDefault(s => !s.Sample.Alive) is { } gone)
        {
            _targetGone.TrySetResult(gone);
        }

        _newest = page.Samples[^1];
        Interlocked.Exchange(ref _seq, page.Samples[^1].Seq);
    }
}
