using System.Net;
using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Engine;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>Runs the project's load engine in the test process against an endpoint, bounded by a timeout.</summary>
public static class InProcessLoad
{
    public static async Task<LoadRunner> RunAsync(LoadSettings settings, IPEndPoint endPoint, TimeSpan? timeout = null)
    {
        var runner = Start(settings, endPoint, out var run, timeout);
        await run;
        return runner;
    }

    public static LoadRunner Start(LoadSettings settings, IPEndPoint endPoint, out Task run, TimeSpan? timeout = null)
    {
        var runner = new LoadRunner(settings, new LoadTarget { EndPoint = endPoint, Host = $"127.0.0.1:{endPoint.Port}", Path = settings.Path });
        run = RunBoundedAsync(runner, timeout ?? TimeSpan.FromSeconds(60));
        return runner;
    }

    private static async Task RunBoundedAsync(LoadRunner runner, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await runner.RunAsync(cts.Token);
        Assert.False(cts.IsCancellationRequested, $"the load did not stop by itself within {timeout.TotalSeconds:0} s");
    }
}
