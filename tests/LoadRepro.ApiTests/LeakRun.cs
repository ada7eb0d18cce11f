namespace LoadRepro.ApiTests;

/// <summary>
/// One run of the shipped close-wait-leak scenario against the embedded test server, with one gate added that the leak fails
/// (descriptors may grow by 50 at most): shared by the tests that read its outcome.
/// </summary>
public sealed class LeakRun : IAsyncLifetime, IDisposable
{
    private readonly ReportsFolder _folder = new();

    /// <summary>The gate added to the scenario's own.</summary>
    public const string AddedGate = "maxFdGrowth=50";

    /// <summary>The run's outcome.</summary>
    public RunOutcome Outcome { get; private set; } = null!;

    /// <summary>Every progress update the run reported.</summary>
    public List<RunUpdate> Updates { get; } = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        using var backstop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Outcome = await LoadReproRunner.RunAsync(
            Scenario.Load("close-wait-leak"),
            RunTarget.EmbeddedServer(),
            new RunOptions { ReportsFolder = _folder.Path, Expect = [AddedGate] },
            new InlineProgress(u =>
            {
                lock (Updates)
                {
                    Updates.Add(u);
                }
            }),
            backstop.Token);
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _folder.Dispose();
}
