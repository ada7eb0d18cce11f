namespace LoadRepro.Reports.Html;

/// <summary>The page shell of the HTML reports: inline CSS only, so the file opens anywhere without a network.</summary>
public static class HtmlPage
{
    private const string Css = """
        :root { --ink:#1d2433; --muted:#5b6478; --line:#dfe3ea; --bg:#f6f7f9; --good:#1b7f4b; --warn:#b86e00; --bad:#b00020; }
        * { box-sizing: border-box; }
        body { margin:0; background:var(--bg); color:var(--ink); font:15px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { max-width:1040px; margin:0 auto; padding:28px 24px 48px; }
        h1 { font-size:24px; margin:0 0 4px; } h2 { font-size:18px; margin:32px 0 10px; }
        .sub { color:var(--muted); margin:0 0 18px; }
        .verdict { border-radius:10px; padding:16px 20px; margin:12px 0 8px; color:#fff; }
        .verdict.good { background:var(--good); } .verdict.warn { background:var(--warn); } .verdict.bad { background:var(--bad); }
        .verdict .big { font-size:21px; font-weight:700; } .verdict .small { opacity:.92; margin-top:4px; }
        .card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:14px 18px; margin:12px 0; }
        .chart { display:block; width:100%; height:auto; }
        figure.card { margin:12px 0; } figcaption { font-weight:600; font-size:15px; margin:0 0 4px 6px; }
        table { border-collapse:collapse; width:100%; background:#fff; border:1px solid var(--line); border-radius:8px; }
        th, td { text-align:left; padding:7px 12px; border-bottom:1px solid var(--line); vertical-align:top; }
        th { background:#eef1f5; font-weight:600; font-size:14px; }
        td.n, th.n { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
        .pass { color:var(--good); font-weight:700; } .fail { color:var(--bad); font-weight:700; }
        .better { color:var(--good); } .worse { color:var(--bad); }
        .tag { display:inline-block; padding:1px 8px; border-radius:10px; font-size:13px; background:#eef1f5; color:var(--muted); }
        code { background:#eef1f5; padding:1px 5px; border-radius:4px; font-size:13px; }
        ul { margin:6px 0; } footer { color:var(--muted); font-size:13px; margin-top:36px; }
        """;

    /// <summary>A whole HTML document around <paramref name="body"/> (already HTML).</summary>
    public static string Document(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title>
        <style>
        {Css}
        </style>
        </head>
        <body>
        <main>
        {body}
        </main>
        </body>
        </html>

        """;

    /// <summary>A chart in its card, with its title as a heading.</summary>
    public static string ChartCard(Charts.ChartSpec chart) =>
        $"<figure class=\"card\"><figcaption>{Encode(chart.Title)}</figcaption>{Charts.SvgChart.Render(chart)}</figure>";

    /// <summary>Text made safe to place in HTML; other characters stay as they are (the page is UTF-8), so − and ÷ read well in the source too.</summary>
    public static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
}
