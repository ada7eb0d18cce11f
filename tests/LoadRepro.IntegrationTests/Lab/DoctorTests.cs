using System.Text.Json;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Lab;

public sealed class DoctorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Doctor_InsideANamespace_ReportsThatNamespacesSysctls()
    {
        using var ns = new TestNamespace("lrdoc");
        ns.SetSysctl("net/ipv4/tcp_tw_reuse", "0");
        ns.SetSysctl("net/ipv4/ip_local_port_range", "40000 40999");
        ns.SetSysctl("net/ipv4/tcp_fin_timeout", "17");
        ns.SetSysctl("net/ipv4/tcp_max_tw_buckets", "1234");

        var json = await RunDoctorIn(ns.Name);

        var settings = Settings(json);
        Assert.Equal("0", settings["net.ipv4.tcp_tw_reuse"].Value);
        Assert.StartsWith("0: a port in TIME_WAIT is never reused", settings["net.ipv4.tcp_tw_reuse"].Meaning, StringComparison.Ordinal);
        Assert.Contains("2 (the default) on loopback only", settings["net.ipv4.tcp_tw_reuse"].Meaning, StringComparison.Ordinal);
        Assert.Equal("1000", settings["ports per tuple"].Value);
        Assert.Equal("40000 40999", settings["net.ipv4.ip_local_port_range"].Value);
        Assert.Contains("1000 local ports", settings["net.ipv4.ip_local_port_range"].Meaning, StringComparison.Ordinal);
        Assert.Equal("17", settings["net.ipv4.tcp_fin_timeout"].Value);
        Assert.Contains("FIN_WAIT_2", settings["net.ipv4.tcp_fin_timeout"].Meaning, StringComparison.Ordinal);
        Assert.Contains("does NOT shorten TIME_WAIT", settings["net.ipv4.tcp_fin_timeout"].Meaning, StringComparison.Ordinal);
        Assert.Equal("1234", settings["net.ipv4.tcp_max_tw_buckets"].Value);
        Assert.Equal("absent", settings["net.ipv4.tcp_tw_recycle"].Value);
        Assert.Contains("4.12", settings["net.ipv4.tcp_tw_recycle"].Meaning, StringComparison.Ordinal);
        Assert.Equal("EMFILE", settings["RLIMIT_NOFILE soft (ulimit -n)"].MattersFor);
        Assert.Equal("ports", settings["net.ipv4.ip_local_port_range"].MattersFor);
    }

    [Fact]
    public async Task Doctor_OutsideTheNamespace_StillReportsTheHostValues()
    {
        using var ns = new TestNamespace("lrdoc");
        ns.SetSysctl("net/ipv4/tcp_fin_timeout", "17");
        var host = File.ReadAllText("/proc/sys/net/ipv4/tcp_fin_timeout").Trim();

        var result = await LoadReproCli.RunAsync(Timeout, "doctor", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(host, Settings(result.Stdout)["net.ipv4.tcp_fin_timeout"].Value);
    }

    [Fact]
    public async Task Doctor_ReadsTheGivenSysctlRoot_AndMarksMissingSettingsAbsent()
    {
        using var root = new TempFolder();
        Directory.CreateDirectory(Path.Combine(root.Path, "net/ipv4"));
        File.WriteAllText(Path.Combine(root.Path, "net/ipv4/tcp_tw_reuse"), "1\n");
        File.WriteAllText(Path.Combine(root.Path, "net/ipv4/ip_local_port_range"), "50000\t50099\n");

        var result = await LoadReproCli.RunAsync(Timeout, "doctor", "--json", "--proc-sys", root.Path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var settings = Settings(result.Stdout);
        Assert.Equal("1", settings["net.ipv4.tcp_tw_reuse"].Value);
        Assert.StartsWith("1: connect() may reuse a port in TIME_WAIT on any path", settings["net.ipv4.tcp_tw_reuse"].Meaning, StringComparison.Ordinal);
        Assert.Equal("50000 50099", settings["net.ipv4.ip_local_port_range"].Value);
        Assert.Contains("100 local ports", settings["net.ipv4.ip_local_port_range"].Meaning, StringComparison.Ordinal);
        Assert.Equal("absent", settings["fs.file-max"].Value);
        Assert.Equal("absent", settings["net.ipv4.tcp_fin_timeout"].Value);
    }

    [Fact]
    public async Task Doctor_Table_NamesEverySettingWithItsBound()
    {
        var result = await LoadReproCli.RunAsync(Timeout, "doctor");

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (var name in new[] { "RLIMIT_NOFILE soft", "RLIMIT_NOFILE hard", "fs.file-max", "fs.nr_open", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_max_tw_buckets", "net.ipv4.tcp_tw_recycle" })
        {
            Assert.Contains(name, result.Stdout, StringComparison.Ordinal);
        }
    }

    private static async Task<string> RunDoctorIn(string ns)
    {
        var info = LoadReproCli.StartInfo(["doctor", "--json"]);
        var args = new List<string> { "netns", "exec", ns, info.FileName };
        args.AddRange(info.ArgumentList);
        info.FileName = "ip";
        info.ArgumentList.Clear();
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        await p.WaitForExitAsync(cts.Token);
        Assert.True(p.ExitCode == 0, await stderr);
        return await stdout;
    }

    private static Dictionary<string, (string Value, string Meaning, string MattersFor)> Settings(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("settings").EnumerateArray().ToDictionary(
            s => s.GetProperty("name").GetString()!,
            s => (s.GetProperty("value").GetString()!, s.GetProperty("meaning").GetString()!, s.GetProperty("mattersFor").GetString()!));
    }
}
