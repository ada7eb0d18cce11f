using System.Globalization;
using ScottPlot;

namespace LoadRepro.Reports.Charts;

/// <summary>Draws a <see cref="ChartSpec"/> with ScottPlot as inline SVG: the reports stay one self-contained file.</summary>
public static class SvgChart
{
    /// <summary>The font the charts measure text with; the page's CSS names it too, so the browser lays text out the same.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>Seconds of the baseline shown before the load starts.</summary>
    public const double BaselineSeconds = 0.5;

    /// <summary>Renders the chart as an <c>&lt;svg&gt;</c> element that scales to its container's width; the title is left to the page.</summary>
    public static string Render(ChartSpec spec, int width = 960, int height = 360)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.XLabel(spec.XLabel, size: 13);
        plot.YLabel(spec.YLabel, size: 13);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Grid.MajorLineColor = Color.FromHex("#e6e6e6");

        var top = 1.0;
        foreach (var s in spec.Series)
        {
            var line = plot.Add.ScatterLine(s.Seconds.ToArray(), s.Values.ToArray());
            line.LegendText = s.Label;
            line.Color = Color.FromHex(s.Color);
            line.LineWidth = 2;
            line.LinePattern = s.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            top = Math.Max(top, s.Values.DefaultIfEmpty(0).Max());
        }

        if (spec.Limit is { } limit)
        {
            var h = plot.Add.HorizontalLine(limit.Value, 1.5f, Color.FromHex(ChartPalette.Limit), LinePattern.Dotted);
            h.LegendText = limit.Label;
            top = Math.Max(top, limit.Value);
        }

        foreach (var m in spec.Markers)
        {
            var v = plot.Add.VerticalLine(m.Seconds, 1.5f, Color.FromHex(m.Color), LinePattern.Dashed);
            v.Text = m.Label;
            v.LabelFontSize = 11;
            v.LabelOppositeAxis = true;
            v.LabelBackgroundColor = Color.FromHex(m.Color);
        }

        var xs = spec.Series.SelectMany(s => s.Seconds).Concat(spec.Markers.Select(m => m.Seconds)).DefaultIfEmpty(0).ToList();
        // Half a second of baseline is enough to show where the load took off; more only squeezes the load.
        // A little room past the last moment, so a marker label at the right edge is not cut.
        var left = Math.Min(0, Math.Max(xs.Min(), -BaselineSeconds));
        var right = Math.Max(1, xs.Max());
        plot.Axes.SetLimits(left, right + ((right - left) * 0.04), 0, top * 1.08);
        // Below the data area, so it never hides a line and every chart's axes line up on the page.
        plot.Legend.FontSize = 12;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);

        // Fixed margins: every chart's data area lines up on the page, and the marker labels above it have room.
        plot.Layout.Fixed(new PixelPadding(left: 78, right: 24, bottom: 92, top: 26));
        var svg = plot.GetSvgXml(width, height);
        return Inline(svg, width, height, spec.Title);
    }

    /// <summary>Drops the XML declaration and lets the drawing scale with the page (viewBox, width 100%).</summary>
    private static string Inline(string svg, int width, int height, string title)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var close = svg.IndexOf('>', start);
        var open = string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" class=\"chart\" role=\"img\" aria-label=\"{Html.HtmlPage.Encode(title)}\">");
        return open + svg[(close + 1)..];
    }
}
