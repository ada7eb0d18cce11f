namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// The test server a live run started, found from outside the run: its PID by the <c>--parent-pid</c> it was given, its
/// port under test and control port from the first lines of its own log in the run directory.
/// </summary>
public sealed record RunServer(int Pid, int Port, int ControlPort)
{
    /// <summary>Waits until the run's one server is up and has logged its ports.</summary>
    public static async Task<RunServer> FindAsync(int runPid, string reportsFolder, TimeSpan timeout)
    {
        RunServer? found = null;
        var seen = await Eventually.HoldsAsync(() => Task.FromResult((found = TryFind(runPid, reportsFolder)) is not null), timeout);
        Assert.True(seen, $"no server of run {runPid} with its ports logged under {reportsFolder} within {timeout.TotalSeconds:0} s");
        return found!;
    }

    private static RunServer? TryFind(int runPid, string reportsFolder)
    {
        if (ServerChildren.Of(runPid) is not [var pid])
        {
            return null;
        }

        foreach (var log in Directory.GetFiles(reportsFolder, "server.log", SearchOption.AllDirectories))
        {
            if (ServerLog.WithProperty(log, nameof(ControlPort)) is [var listening, ..])
            {
                return new RunServer(pid, listening.GetProperty(nameof(Port)).GetInt32(), listening.GetProperty(nameof(ControlPort)).GetInt32());
            }
        }

        return null;
    }
}
