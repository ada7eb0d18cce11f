using LoadRepro;

namespace LeakyTests;

public class LeakTests
{
    // 500 requests over 4 kept-alive connections: the leaking build's descriptors grow by one a request, the fixed build's
    // only by what a starting .NET server opens anyway (a few dozen: thread pool, JIT, sockets), well under the gate.
    private static readonly Scenario Load = new ScenarioBuilder("leaky-sample")
        .Connection("keep-alive").Concurrency(4).Duration(TimeSpan.FromSeconds(5)).MaxRequests(500)
        .RequestTimeout(TimeSpan.FromSeconds(10)).Drain(TimeSpan.FromSeconds(1))
        .ExpectMaxFdGrowth(200).ExpectMinSuccessRatio(0.99)
        .Build();

    [Fact]
    public async Task FixedBuild_Holds()
    {
        var target = RunTarget.ServerCommand("http://127.0.0.1:18080/", LeakyServerBuild.Command(18080, leak: false));

        var result = await LoadReproRunner.RunAsync(Load, target);

        LoadReproAssert.Holds(result);
    }

    [Fact]
    public async Task LeakingBuild_Fails()
    {
        var target = RunTarget.ServerCommand("http://127.0.0.1:18081/", LeakyServerBuild.Command(18081, leak: true));

        var result = await LoadReproRunner.RunAsync(Load, target);

        LoadReproAssert.Fails(result);
        Assert.Contains(result.FailedGates, g => g.Name == "maxFdGrowth");
        var e = Assert.Throws<LoadReproAssertionException>(() => LoadReproAssert.Holds(result));
        Assert.Contains("maxFdGrowth: expected", e.Message);
    }
}
