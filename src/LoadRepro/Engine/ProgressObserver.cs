using System.Globalization;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline;

namespace LoadRepro.Engine;

/// <summary>What a run says, as <see cref="RunUpdate"/>s to the API caller's progress callback: at each change of stage and once a second under load.</summary>
internal sealed class ProgressObserver(IProgress<RunUpdate>? progress) : IRunObserver
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private Func<LiveReading>? _read;
    private string _stage = "starting";

    /// <inheritdoc />
    public void Say(string line) => Report(_stage, line);

    /// <inheritdoc />
    public void Starting(ScenarioDefinition scenario, string directory, string? externalTarget) =>
        Report("starting the server", $"{scenario.Name}: report in {directory}");

    /// <inheritdoc />
    public void AtLimit(double seconds, TimeSpan grace) =>
        Report("descriptors at the limit", string.Create(CultureInfo.InvariantCulture, $"descriptors at the limit {seconds:0.0} s into the run (EMFILE): the load stops in {DurationText.Format(grace)}"));

    /// <inheritdoc />
    public void Draining(TimeSpan drain) => Report("draining", $"load stopped; sampling {DurationText.Format(drain)} more while sockets drain");

    /// <inheritdoc />
    public void Interrupted(RunStage stage, double seconds, string directory) =>
        Report("interrupted", string.Create(CultureInfo.InvariantCulture, $"interrupted at {seconds:0.0} s ({stage}): writing what was measured in {directory}"));

    /// <inheritdoc />
    public IAsyncDisposable ShowLive(Func<LiveReading> read)
    {
        _read = read;
        Report("under load", null);
        return new Ticker(this);
    }

    private void Report(string stage, string? line)
    {
        _stage = stage;
        if (progress is null)
        {
            return;
        }

        var now = _read?.Invoke();
        var words = line is null ? stage : $"{stage}: {line}";
        progress.Report(new RunUpdate(now?.Seconds ?? 0, words, now?.Latest?.Fds, now?.Latest?.Tcp.CloseWait, now?.Latest?.Tcp.TimeWait, now?.Load.Ok ?? 0, now?.Load.Failed ?? 0));
    }

    /// <summary>Reports the live figures once a second until disposed.</summary>
    private sealed class Ticker : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Ticker(ProgressObserver owner) => _loop = TickAsync(owner, _stop.Token);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }

        private static async Task TickAsync(ProgressObserver owner, CancellationToken ct)
        {
            using var timer = new PeriodicTimer(Every);
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                {
                    owner.Report(owner._stage, null);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The run moved on: the ticker's job is done.
            }
        }
    }
}
