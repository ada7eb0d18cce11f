using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.AgentRuns;

/// <summary>
/// <c>run --agent</c> when the agent fails it, on loopback (what fails is the agent, wherever it is): unreachable or refusing
/// the token at the start (one line, exit 3, no run directory), going away mid-run (the load finishes, the report says when
/// the samples stopped, exit 3), and the target's PID exiting (the run reports the server gone, exit 1).
/// </summary>
public sealed class AgentRunFaultTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task AgentUnreachable_AtTheStart_OneLine_Exit3_NoRunDirectory()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "none");
        using var reports = new TempFolder();

        var run = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--target", Url(server.Port), "--agent", Url(ClosedPort()), "--out", reports.Path);

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--agent: the agent at", line, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(reports.Path));
    }

    [Theory]
    [InlineData("wrong-token", "refused --agent-token (401)")]
    [InlineData(null, "asks for a token (401): give --agent-token or set LOADREPRO_AGENT_TOKEN")]
    public async Task WrongOrMissingToken_OneLineNamingTheToken_Exit3(string? token, string expected)
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "none");
        await using var agent = await AgentProcess.StartAsync("--target-port", server.Port.ToString(CultureInfo.InvariantCulture), "--token", "the-right-one");
        using var reports = new TempFolder();
        string[] args = ["run", "close-wait-fixed", "--target", Url(server.Port), "--agent", agent.Url.ToString(), "--out", reports.Path];

        var run = await LoadReproCli.RunAsync(RunTimeout, token is null ? args : [.. args, "--agent-token", token]);

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(reports.Path));
    }

    [Fact]
    public async Task AgentGoingAway_MidRun_LoadFinishes_ReportSaysWhenSamplesStopped_Exit3()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "none");
        var agent = await AgentProcess.StartAsync("--target-port", server.Port.ToString(CultureInfo.InvariantCulture));
        using var reports = new TempFolder();
        using var run = new BackgroundCli("run", "close-wait-fixed", "--duration", "8s", "--target", Url(server.Port), "--agent", agent.Url.ToString(), "--out", reports.Path);
        await OnceItAnswersAsync(run, agent.DisposeAsync);

        var result = await run.WaitAsync(RunTimeout);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("the agent's samples stopped at", Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        var dir = RunDirectoryReader.OnlyRun(reports.Path);
        var summary = RunDirectoryReader.Summary(dir);
        var agentRecord = summary.GetProperty("samples").GetProperty("agent");
        var stoppedAt = agentRecord.GetProperty("stoppedAtSeconds").GetDouble();
        var phases = summary.GetProperty("phases");
        Assert.InRange(stoppedAt, phases.GetProperty("loadStartSeconds").GetDouble() - 1, phases.GetProperty("loadStopSeconds").GetDouble());
        Assert.False(summary.GetProperty("interrupted").GetBoolean());

        // The load was not cut: it answered requests after the samples stopped (the client's own per-second series says so).
        var clientLines = await File.ReadAllLinesAsync(Path.Combine(dir, "client.csv"));
        Assert.Contains(clientLines.Skip(1), l => double.Parse(l.Split(',')[0], CultureInfo.InvariantCulture) > stoppedAt + 1 && int.Parse(l.Split(',')[2], CultureInfo.InvariantCulture) > 0);
        Assert.Contains("The agent's samples stopped at", await File.ReadAllTextAsync(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetPidExiting_TheAgentsSamplesShowItGone_RunReportsTheServerGone_Exit1()
    {
        var server = await TestServerProcess.StartAsync("--bug", "none");
        await using var agent = await AgentProcess.StartAsync("--pid", server.Pid.ToString(CultureInfo.InvariantCulture), "--target-port", server.Port.ToString(CultureInfo.InvariantCulture));
        using var reports = new TempFolder();
        using var run = new BackgroundCli("run", "close-wait-fixed", "--duration", "20s", "--target", Url(server.Port), "--agent", agent.Url.ToString(), "--out", reports.Path);
        await OnceItAnswersAsync(run, server.DisposeAsync);

        var result = await run.WaitAsync(RunTimeout);

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Stdout} {result.Stderr}");
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path));
        Assert.True(summary.GetProperty("server").GetProperty("exited").GetBoolean());
        Assert.Contains("found the target", summary.GetProperty("server").GetProperty("exitReason").GetString(), StringComparison.Ordinal);
        var gate = summary.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "serverSurvived");
        Assert.False(gate.GetProperty("passed").GetBoolean());

        // The load stopped when the server went: well before its 20 s.
        Assert.True(summary.GetProperty("phases").GetProperty("loadStopSeconds").GetDouble() < 20, summary.GetProperty("phases").ToString());
    }

    private static string Url(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";

    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    // Waits until the run's live line shows answers, then does what the fault is (even when the run never answers).
    private static async Task OnceItAnswersAsync(BackgroundCli run, Func<ValueTask> fault)
    {
        try
        {
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(run.Stdout.Contains(" ok ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60)), run.Stdout);
        }
        finally
        {
            await fault();
        }
    }
}
