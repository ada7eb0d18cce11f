using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Reports;

/// <summary>Opens the real reports in headless chromium: the charts must be laid out with a size, and the page must take no network.</summary>
[Collection(RealComparisonGroup.Name)]
public sealed partial class BrowserRenderingTests(RealComparison comparison)
{
    private static readonly TimeSpan BrowserTimeout = TimeSpan.FromSeconds(90);

    // Added to a copy of the page only: writes each chart's laid-out size into the DOM that --dump-dom prints.
    private const string SizeProbe = """
        <script>addEventListener('load', () => { for (const s of document.querySelectorAll('svg.chart')) { const r = s.getBoundingClientRect(); s.setAttribute('data-laid-out', Math.round(r.width) + 'x' + Math.round(r.height)); } });</script>
        """;

    [ChromiumFact]
    public Task RunReport_RendersItsFiveCharts_WithASize() => AssertCharts(Path.Combine(comparison.Run("a"), "report.html"), 5);

    [ChromiumFact]
    public Task CompareReport_RendersItsFourCharts_WithASize() => AssertCharts(Path.Combine(comparison.Directory, "compare.html"), 4);

    [ChromiumFact]
    public async Task Reports_TakeAScreenshot_ThatIsNotBlank()
    {
        using var shots = new TempFolder();
        foreach (var page in new[] { Path.Combine(comparison.Run("a"), "report.html"), Path.Combine(comparison.Directory, "compare.html") })
        {
            var png = Path.Combine(shots.Path, Path.GetFileNameWithoutExtension(page) + ".png");
            await Chromium.RunAsync(BrowserTimeout, new Uri(page).AbsoluteUri, "--window-size=1100,1800", $"--screenshot={png}");

            Assert.True(File.Exists(png), $"no screenshot of {page}");
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            // A blank page compresses to a few kilobytes; text, tables and charts do not.
            Assert.True(bytes.Length > 40_000, $"the screenshot of {page} is {bytes.Length} bytes: nearly blank");
        }
    }

    [Fact]
    public void Reports_ReferenceNothingOnTheNetwork()
    {
        foreach (var page in new[] { Path.Combine(comparison.Run("a"), "report.html"), Path.Combine(comparison.Directory, "compare.html") })
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotMatch(ExternalReference(), html);
        }
    }

    private static async Task AssertCharts(string page, int expected)
    {
        using var copy = new TempFolder();
        var probe = Path.Combine(copy.Path, "probe.html");
        await File.WriteAllTextAsync(probe, File.ReadAllText(page).Replace("</body>", SizeProbe + "</body>", StringComparison.Ordinal));

        var dom = await Chromium.RunAsync(BrowserTimeout, new Uri(probe).AbsoluteUri, "--window-size=1100,1800", "--dump-dom");

        var sizes = LaidOut().Matches(dom).Select(m => (W: int.Parse(m.Groups[1].Value), H: int.Parse(m.Groups[2].Value))).ToList();
        Assert.True(sizes.Count == expected, $"{sizes.Count} charts laid out in {page}, expected {expected}; DOM starts: {dom[..Math.Min(300, dom.Length)]}");
        Assert.All(sizes, s => Assert.True(s.W > 300 && s.H > 100, $"a chart was laid out at {s.W}x{s.H} px"));
        Assert.True(Regex.Count(dom, "<path ") > expected * 5, "the charts have almost no drawn paths");
    }

    [GeneratedRegex("data-laid-out=\"(\\d+)x(\\d+)\"", RegexOptions.None, 1000)]
    private static partial Regex LaidOut();

    [GeneratedRegex("""(src|href)\s*=\s*"(https?:)?//|@import|url\(\s*['"]?https?:""", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ExternalReference();
}
