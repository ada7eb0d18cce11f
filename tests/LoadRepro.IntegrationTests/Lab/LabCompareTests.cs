using System.Text.Json;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Lab;

/// <summary>compare of one scenario in the lab under two sysctl profiles (root): which settings changed anything measurable.</summary>
public sealed class LabCompareTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task BlogAdvice_AgainstKernelDefaults_ForHttp10Short_ChangesNothingMeasurable_SettingBySetting()
    {
        using var reports = new TempFolder();
        using var run = new BackgroundCli("compare", "http10-short@kernel-default", "http10-short@blog-advice", "--duration", "2s", "--out", reports.Path);
        var result = await run.WaitAsync(Timeout);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var (dir, compare) = Comparison(reports.Path);
        Assert.Equal("sysctl", compare.GetProperty("story").GetString());
        Assert.Equal("http10-short@kernel-default", compare.GetProperty("a").GetProperty("scenario").GetString());
        Assert.Equal("http10-short@blog-advice", compare.GetProperty("b").GetProperty("scenario").GetString());
        var settings = compare.GetProperty("settings").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        foreach (var name in new[] { "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_tw_recycle", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_syn_retries", "net.ipv4.tcp_max_syn_backlog" })
        {
            Assert.True(settings.ContainsKey(name), $"{name} is not among the settings compared: {string.Join(", ", settings.Keys)}");
        }

        // The server closes first, so TIME_WAIT is the server's and no sysctl of the list acts on this load.
        Assert.All(settings.Values, s => Assert.False(s.GetProperty("measurable").GetBoolean(), s.GetProperty("text").GetString()));
        Assert.Equal(("60", "30"), (settings["net.ipv4.tcp_fin_timeout"].GetProperty("a").GetString(), settings["net.ipv4.tcp_fin_timeout"].GetProperty("b").GetString()));
        Assert.Equal(("2", "1"), (settings["net.ipv4.tcp_tw_reuse"].GetProperty("a").GetString(), settings["net.ipv4.tcp_tw_reuse"].GetProperty("b").GetString()));
        Assert.False(settings["net.ipv4.tcp_tw_recycle"].GetProperty("applied").GetBoolean());
        Assert.StartsWith("None of the 8 sysctls that kernel-default (A) and blog-advice (B) set differently changed anything measurable", compare.GetProperty("verdict").GetProperty("headline").GetString(), StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(dir, "compare.md"));
        Assert.Contains("| `net.ipv4.tcp_fin_timeout` | 60 | 30 | no |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `net.ipv4.tcp_tw_recycle` | absent | absent | not applied: not in this kernel |", markdown, StringComparison.Ordinal);
        Assert.Contains("Sysctls that differ", File.ReadAllText(Path.Combine(dir, "compare.html")), StringComparison.Ordinal);
        Ip.AssertLabGone(run.Pid);
    }

    [Fact]
    public async Task AShortPortRange_AgainstKernelDefaults_ForAClientThatClosesFirst_IsMeasurable()
    {
        using var reports = new TempFolder();
        using var run = new BackgroundCli("compare", "port-exhaustion@kernel-default", "port-exhaustion", "--duration", "3s", "--out", reports.Path);
        var result = await run.WaitAsync(Timeout);

        // A runs the port-exhaustion scenario under the kernel's 28232 ports: it does not run out, so its own gate fails.
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        Assert.Contains("gate A diagnosis failed: expected port-exhaustion", result.Stdout, StringComparison.Ordinal);
        var (_, compare) = Comparison(reports.Path);
        Assert.Equal("sysctl", compare.GetProperty("story").GetString());
        var range = Assert.Single(compare.GetProperty("settings").EnumerateArray());
        Assert.Equal("net.ipv4.ip_local_port_range", range.GetProperty("name").GetString());
        Assert.Equal("32768 60999", range.GetProperty("a").GetString());
        Assert.Equal("40000 40999", range.GetProperty("b").GetString());
        Assert.True(range.GetProperty("measurable").GetBoolean(), range.GetProperty("text").GetString());
        Assert.Contains(range.GetProperty("moved").EnumerateArray(), m => m.GetString()!.StartsWith("connects failed with EADDRNOTAVAIL 0 → ", StringComparison.Ordinal));
        Ip.AssertLabGone(run.Pid);
    }

    private static (string Directory, JsonElement Compare) Comparison(string reports)
    {
        var dir = RunDirectoryReader.OnlyRun(reports);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.json")));
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(dir, "runs")).Length);
        return (dir, doc.RootElement.Clone());
    }
}
