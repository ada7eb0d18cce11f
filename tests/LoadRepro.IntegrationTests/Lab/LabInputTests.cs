using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Lab;

public sealed class LabInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UserLabScenario_WithAnUnknownProfile_IsOneLineAndExit2()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "mine.yaml");
        File.WriteAllText(file, "name: mine\nlab: true\nprofile: no-such-profile\n");

        var result = await LoadReproCli.RunAsync(Timeout, "run", file, "--out", folder.Path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("loadrepro: unknown sysctl profile 'no-such-profile' (known: blog-advice, kernel-default, short-port-range, tw-reuse-0)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserScenario_WithAProfileButNoLab_NamesTheFileAndExits2()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "mine.yaml");
        File.WriteAllText(file, "name: mine\nprofile: blog-advice\n");

        var result = await LoadReproCli.RunAsync(Timeout, "run", file, "--out", folder.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"loadrepro: {file}: profile and labNetwork apply to the lab only: add 'lab: true'", Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task ProfileWithoutLab_OnTheCommandLine_IsOneLineAndExit2()
    {
        var result = await LoadReproCli.RunAsync(Timeout, "run", "close-wait-fixed", "--profile", "blog-advice");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("loadrepro: --profile sets the lab's sysctls: add --lab", Assert.Single(result.StderrLines));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("0.0.0.0")]
    [InlineData("198.20.0.1")]
    public async Task Server_RefusesToListenOutsideLoopbackAndTheLabNetwork(string address)
    {
        var result = await LoadReproCli.RunAsync(Timeout, "server", "--listen", address);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"loadrepro: --listen: '{address}' is not a loopback address or a lab address in 198.18.0.0/15", Assert.Single(result.StderrLines));
    }
}
