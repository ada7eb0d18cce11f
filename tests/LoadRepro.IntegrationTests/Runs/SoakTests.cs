using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Runs;

/// <summary><c>loadrepro soak</c> judges what it runs: a run whose gates fail fails the soak, and is named.</summary>
public sealed class SoakTests
{
    private const string Healthy = """
        server: { bug: none, keepAlive: on, maxFds: 1024 }
        load:   { connection: short, http: "1.1", model: rate, rate: 50, duration: 1s, maxRequests: 1000, timeout: 1s }
        sample: { interval: 100ms, drain: 1s }
        """;

    [Fact]
    public async Task ASoakWithARunWhoseGatesFail_ExitsOne_AndNamesThatRunAndGate()
    {
        using var scenarios = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(scenarios.Path, "gates-hold.yaml"), $"name: gates-hold\n{Healthy}\nexpect: {{ diagnosis: healthy }}\n");

        // A healthy server never reaches EMFILE: this gate fails every time, whatever the machine's speed.
        await File.WriteAllTextAsync(Path.Combine(scenarios.Path, "gates-fail.yaml"), $"name: gates-fail\n{Healthy}\nexpect: {{ exhaustion: true }}\n");

        var result = await LoadReproCli.RunWithScenariosAsync(scenarios.Path, TimeSpan.FromSeconds(120), "soak", "--passes", "1");

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var failed = result.Stdout.Split('\n').Where(l => l.StartsWith("soak: GATES FAILED", StringComparison.Ordinal)).ToList();
        Assert.Equal(["soak: GATES FAILED in run 1 (pass 1) gates-fail: exhaustion (expected true, got false)"], failed);
        Assert.Contains("soak: 2 runs (1 with gates passed)", result.Stdout, StringComparison.Ordinal);
    }
}
