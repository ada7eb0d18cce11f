using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Runs;

/// <summary>
/// The load engine's socket continuations run inline on the runtime's epoll thread (scripts/bench-load measures the gain), while
/// the test server keeps the runtime's default. Read off the real environments of the children a lab run starts (root): the load
/// child in the client namespace inherits the harness's switch, the server child does not.
/// </summary>
public sealed class SocketCompletionsTests
{
    private const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    [Fact]
    public async Task TheLoadRunsWithInlineCompletions_TheTestServerWithTheRuntimesDefault()
    {
        using var reports = new TempFolder();
        using var run = new BackgroundCli("run", "http10-short", "--lab", "--duration", "3s", "--out", reports.Path);
        int? load = null;
        var servers = Array.Empty<int>();

        Assert.True(await Eventually.HoldsAsync(() =>
        {
            load ??= Processes().Where(p => Args(p).Contains("lab-load") && Args(p).Any(a => a.StartsWith(reports.Path, StringComparison.Ordinal))).Select(p => (int?)p).FirstOrDefault();
            servers = [.. ServerChildren.Of(run.Pid)];
            return Task.FromResult(load is not null && servers.Length == 1);
        }, TimeSpan.FromSeconds(30)), $"the load child or the server child never appeared; stdout: {run.Stdout}");

        var environ = Environ(load!.Value);
        Assert.True(environ.GetValueOrDefault(Variable) == "1", $"the load child {string.Join(' ', Args(load.Value))} runs without inline completions; its environment: {string.Join(", ", environ.Keys)}");
        Assert.False(Environ(servers[0]).ContainsKey(Variable), "the test server was started with the harness's inline socket completions");
        var result = await run.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
    }

    private static IEnumerable<int> Processes() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture));

    private static string[] Args(int pid) => Read(pid, "cmdline").Split('\0');

    private static Dictionary<string, string> Environ(int pid) =>
        Read(pid, "environ").Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('=', 2)).Where(kv => kv.Length == 2).GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.First()[1]);

    private static string Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ""; // it exited while we looked
        }
    }
}
