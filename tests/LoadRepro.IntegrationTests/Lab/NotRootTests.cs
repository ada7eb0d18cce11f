using System.Diagnostics;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Lab;

public sealed class NotRootTests
{
    [Theory]
    [InlineData("run", "port-exhaustion")]
    [InlineData("run", "close-wait-fixed", "--lab")]
    [InlineData("lab", "clean")]
    [InlineData("compare", "http10-short@kernel-default", "http10-short@blog-advice")]
    public async Task LabWithoutRoot_SaysSoInOneLine_AndExits3(params string[] args)
    {
        using var reports = new TempFolder();
        var info = LoadReproCli.StartInfo([.. args, .. args[0] is "run" or "compare" ? new[] { "--out", reports.Path } : []]);
        var inner = new List<string> { "--reuid=65534", "--regid=65534", "--clear-groups", info.FileName };
        inner.AddRange(info.ArgumentList);
        info.FileName = "setpriv";
        info.ArgumentList.Clear();
        inner.ForEach(info.ArgumentList.Add);
        info.Environment["HOME"] = reports.Path;
        info.Environment["DOTNET_CLI_HOME"] = reports.Path;
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);

        Assert.True(p.ExitCode == 3, $"exit {p.ExitCode}; stdout: {await stdout}; stderr: {await stderr}");
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("loadrepro: --lab needs root", lines[0], StringComparison.Ordinal);
    }
}
