using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Pipeline;

/// <summary>
/// <c>load.stopAfterExhaustion</c>: once a sample under load shows the server at its descriptor limit, the load is stopped after
/// the grace; the first sighting starts the clock, later ones do not move it.
/// </summary>
public sealed class ExhaustionStop : IDisposable
{
    private readonly SamplingLoop _sampling;
    private readonly TimeSpan _grace;
    private readonly Action<double> _onSeen;
    private readonly Action _stop;
    private readonly CancellationTokenSource _disarmed = new();
    private int _seen;

    private ExhaustionStop(SamplingLoop sampling, TimeSpan grace, Action<double> onSeen, Action stop)
    {
        (_sampling, _grace, _onSeen, _stop) = (sampling, grace, onSeen, stop);
        _sampling.Sampled += OnSample;
    }

    /// <summary>Watches <paramref name="sampling"/> when <paramref name="grace"/> is set; null otherwise. <paramref name="onSeen"/> gets the sample's time.</summary>
    public static ExhaustionStop? Arm(SamplingLoop sampling, TimeSpan? grace, Action<double> onSeen, Action stop) =>
        grace is { } g ? new ExhaustionStop(sampling, g, onSeen, stop) : null;

    /// <summary>Stops watching; a pending stop no longer fires.</summary>
    public void Dispose()
    {
        _sampling.Sampled -= OnSample;
        _disarmed.Cancel();
        _disarmed.Dispose();
    }

    private void OnSample(Sample s)
    {
        if (s.Phase != SamplePhase.Load || !ExhaustionDetector.IsAtLimit(s) || Interlocked.Exchange(ref _seen, 1) == 1)
        {
            return;
        }

        _onSeen(s.Seconds);
        var token = _disarmed.Token;
        _ = Task.Delay(_grace, token).ContinueWith(_ => _stop(), token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}
