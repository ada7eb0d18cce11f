using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Engine;

namespace LoadRepro.Pipeline.Loads;

/// <summary>The load in this process: its sockets live in this process's network namespace.</summary>
public sealed class InProcessLoad : ILoadPlacement
{
    /// <inheritdoc />
    public ILoadExecution Start(LoadSettings load, LoadTarget target, string runDirectory) => new Execution(new LoadRunner(load, target));

    private sealed class Execution : ILoadExecution
    {
        private readonly LoadRunner _runner;
        private readonly CancellationTokenSource _stop = new();

        public Execution(LoadRunner runner)
        {
            _runner = runner;
            Done = RunAsync();
        }

        public int? ClientPid => null;

        public Task Started => Task.CompletedTask;

        public Task Done { get; }

        public Load.Metrics.LoadProgress Progress => _runner.Metrics.Progress();

        public void RequestStop()
        {
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The load is over and disposed: nothing left to stop.
            }
        }

        public LoadOutcome Finish() => new(_runner.Summarize(), _runner.TimeSeries.Rows) { KindsByPort = _runner.Metrics.KindsByPort(), Latency = _runner.Metrics.Histograms() };

        public async ValueTask DisposeAsync()
        {
            await _runner.DisposeAsync();
            _stop.Dispose();
        }

        private async Task RunAsync()
        {
            try
            {
                await _runner.RunAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
