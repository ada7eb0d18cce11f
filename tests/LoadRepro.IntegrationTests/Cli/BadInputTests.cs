using System.Net;
using System.Net.Sockets;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Cli;

public sealed class BadInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UnknownScenario_OneLine_Exit2()
    {
        var result = await LoadReproCli.RunAsync(Timeout, "run", "no-such-scenario");
        AssertOneLineError(result, 2, "unknown scenario 'no-such-scenario'");
    }

    [Fact]
    public async Task MalformedYaml_NamesFileAndLine_Exit2()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "broken.yaml");
        await File.WriteAllTextAsync(file, "name: broken\nload: { rate: 500\nserver: [\n");
        var result = await LoadReproCli.RunAsync(Timeout, "run", file, "--out", folder.Path);
        AssertOneLineError(result, 2, $"{file}:");
        Assert.Contains("malformed YAML", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownKey_NamesTheKey_Exit2()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "typo.yaml");
        await File.WriteAllTextAsync(file, "name: typo\nload:\n  rate: 500\n  durration: 5s\n");
        var result = await LoadReproCli.RunAsync(Timeout, "run", file, "--out", folder.Path);
        AssertOneLineError(result, 2, $"{file}:4: load.durration: unknown key");
    }

    [Fact]
    public async Task BusyPort_OneLine_Exit3()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var folder = new TempFolder();
        var result = await LoadReproCli.RunAsync(Timeout, "run", "close-wait-fixed", "--port", port, "--duration", "1s", "--out", folder.Path);
        AssertOneLineError(result, 3, "busy");
    }

    [Fact]
    public async Task UnknownCommand_OneLine_Exit2()
    {
        var result = await LoadReproCli.RunAsync(Timeout, "frobnicate");
        AssertOneLineError(result, 2, "frobnicate");
    }

    private static void AssertOneLineError(ProcessResult result, int exitCode, string expected)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, wanted {exitCode}; stderr: {result.Stderr}");
        var lines = result.StderrLines;
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}: {result.Stderr}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
