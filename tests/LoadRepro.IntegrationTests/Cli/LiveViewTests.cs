using System.Globalization;
using LoadRepro.Cli.Terminal;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Cli;

/// <summary>The live view of <c>run</c> on a terminal: its table's layout, and a real run on a pty drawing it in place.</summary>
public sealed class LiveViewTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Table_HasItsRowsUnderTheHeader_AndTheCaptionWrappedUnderIt_WithinTheWidth()
    {
        string[][] rows = [["elapsed", "1.5 s", "descriptors", "12 of 1024"], ["requests ok", "4200", "CLOSE_WAIT", "0"]];
        var caption = "descriptors at the limit 3.3 s into the run (EMFILE): the load stops in 1.5s (stopAfterExhaustion)";
        var lines = LiveTable.Lines(rows, caption, 60);

        Assert.StartsWith("╭", lines[0], StringComparison.Ordinal);
        Assert.Equal("│ client      │       │ target      │            │", lines[1]);
        Assert.StartsWith("├", lines[2], StringComparison.Ordinal);
        Assert.Equal("│ elapsed     │ 1.5 s │ descriptors │ 12 of 1024 │", lines[3]);
        Assert.Equal("│ requests ok │ 4200  │ CLOSE_WAIT  │ 0          │", lines[4]);
        Assert.Equal("╰─────────────┴───────┴─────────────┴────────────╯", lines[5]);
        Assert.Equal(lines[1].Length, lines[0].Length);
        Assert.Equal(caption, string.Join(' ', lines.Skip(6).Select(l => l.Trim())));
        Assert.True(lines.Skip(6).Count() > 1, "the caption was not wrapped at the table's width");
        Assert.All(lines, l => Assert.True(l.Length <= lines[0].Length, $"wider than the table: {l}"));

        // A terminal narrower than the table cuts its lines rather than letting them wrap and break the redraw in place.
        Assert.All(LiveTable.Lines(rows, caption, 30), l => Assert.True(l.Length <= 30, $"wider than the terminal: {l}"));
    }

    [Fact]
    public async Task RunOnATerminal_RedrawsTheTableInPlace_ThenPrintsTheResult()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "on");
        using var reports = new TempFolder();
        var scenario = Path.Combine(reports.Path, "live.yaml");
        await File.WriteAllTextAsync(scenario, "name: live\nload: { connection: keep-alive, concurrency: 4, duration: 2s, maxRequests: 100000 }\nsample: { interval: 100ms, drain: 0s }\n");

        var result = await LoadReproCli.RunOnTerminalAsync(RunTimeout, "run", scenario, "--target", $"http://127.0.0.1:{server.Port}/", "--target-pid",
            server.Pid.ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(reports.Path, "runs"));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var screen = result.Stdout;
        Assert.Contains("│ requests ok", screen, StringComparison.Ordinal);
        Assert.Contains("\u001b[?25l", screen, StringComparison.Ordinal);

        // Each frame after the first goes back up over the last one (the table's lines and its caption), not below it.
        var frames = screen.Split("╭", StringSplitOptions.None).Length - 1;
        Assert.True(frames >= 3, $"{frames} frames in 2 s at two a second");
        Assert.Contains("\u001b[12F", screen, StringComparison.Ordinal);

        // The cursor comes back, and the result follows the last frame.
        var shown = screen.LastIndexOf("\u001b[?25h", StringComparison.Ordinal);
        Assert.True(shown > screen.LastIndexOf('╭'), "the cursor was not shown again after the last frame");
        Assert.Contains("live: diagnosis", screen[shown..], StringComparison.Ordinal);
    }
}
