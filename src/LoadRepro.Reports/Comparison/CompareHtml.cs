using System.Globalization;
using System.Text;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Charts;
using LoadRepro.Reports.Html;

namespace LoadRepro.Reports.Comparison;

/// <summary><c>compare.html</c>: the verdict, the key figures of A and B with the change, the overlaid charts, the gates; one self-contained page.</summary>
public static class CompareHtml
{
    /// <summary>The file name.</summary>
    public const string Name = "compare.html";

    /// <summary>Renders the page.</summary>
    public static string Render(ComparisonRecord c, RunResult a, RunResult b)
    {
        var sb = new StringBuilder();
        void Add(FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        string E(string s) => HtmlPage.Encode(s);
        // Green only when the claim holds and every gate held; a held claim with a failed gate is amber.
        var tone = c.Verdict.Holds == false ? "bad" : !c.Passed ? "warn" : "good";

        Add($"<h1>{E(c.A.Scenario)} <span class=\"tag\">A</span> vs {E(c.B.Scenario)} <span class=\"tag\">B</span></h1>");
        Add($"<p class=\"sub\">A: {E(c.A.Load)} · B: {E(c.B.Load)} · story: {E(KebabNames.Name(c.Story))}</p>");
        Add($"<div class=\"verdict {tone}\"><div class=\"big\">{E(c.Verdict.Headline)}</div><div class=\"small\">gates {(c.Gates.Count == 0 ? "none set" : c.Passed ? "all passed" : $"{c.Gates.Count(g => !g.Passed)} of {c.Gates.Count} FAILED")}</div></div>");
        Add($"<div class=\"card\"><ul>");
        foreach (var r in c.Verdict.Reasons)
        {
            var mark = r.Ok switch { true => "<span class=\"pass\">✓</span> ", false => "<span class=\"fail\">✗</span> ", null => "" };
            Add($"<li>{mark}{E(r.Text)}</li>");
        }

        Add($"</ul></div>");
        Add($"<h2>Over time (A solid blue, B orange; seconds since each load started)</h2>");
        foreach (var chart in CompareCharts.For(a, b))
        {
            Add($"{HtmlPage.ChartCard(chart)}");
        }

        Add($"<h2>The two runs</h2>");
        Add($"<table><tr><th></th><th>scenario</th><th>diagnosis</th><th>verdict</th><th>report</th></tr>");
        foreach (var (label, run) in new[] { ("A", c.A), ("B", c.B) })
        {
            Add($"<tr><td><span class=\"tag\">{label}</span></td><td>{E(run.Scenario)}{(run.Command is { } command ? $"<br><small>server: <code>{E(command)}</code></small>" : "")}</td><td><code>{E(KebabNames.Name(run.Diagnosis))}</code></td><td>{E(run.Headline)}</td><td><a href=\"{E(run.Directory)}/report.html\">report.html</a></td></tr>");
        }

        Add($"</table>");
        foreach (var (label, run) in new[] { ("A", c.A), ("B", c.B) })
        {
            if (run.Leaks is { } leaks)
            {
                Add($"<p class=\"sub\">{label}: connections left after the drain, by request: {E(leaks)}.</p>");
            }
        }

        if (c.Settings.Count > 0)
        {
            Add($"<h2>Sysctls that differ</h2>");
            Add($"<table><tr><th>sysctl</th><th>A</th><th>B</th><th>changed anything measurable?</th></tr>");
            foreach (var st in c.Settings)
            {
                Add($"<tr><td><code>{E(st.Name)}</code></td><td>{E(st.A)}</td><td>{E(st.B)}</td><td>{(st.Measurable ? "<strong>" : "")}{E(Effect(st))}{(st.Measurable ? "</strong>" : "")}</td></tr>");
            }

            Add($"</table>");
            Add($"<p class=\"sub\">Each setting is judged only on the figures the kernel lets it move; the reasons above say which, with both values.</p>");
        }

        Add($"<h2>Key figures</h2>");
        Add($"<table><tr><th>figure</th><th class=\"n\">A</th><th class=\"n\">B</th><th class=\"n\">change A → B</th></tr>");
        foreach (var f in c.Figures)
        {
            var cls = f.Better switch { ComparisonSide.B => "better", ComparisonSide.A => "worse", _ => "" };
            Add($"<tr><td>{E(f.Name)}</td><td class=\"n\">{E(Show(f.A, f.Unit))}</td><td class=\"n\">{E(Show(f.B, f.Unit))}</td><td class=\"n {cls}\">{E(f.Change)}</td></tr>");
        }

        Add($"</table>");
        Add($"<p class=\"sub\">Green: B did better; red: B did worse. Latency counts from each request's scheduled start.</p>");
        Add($"<h2>Gates</h2>");
        if (c.Gates.Count == 0)
        {
            Add($"<p class=\"sub\">No gates were set.</p>");
        }
        else
        {
            Add($"<table><tr><th>gate</th><th>expected</th><th>measured</th><th>result</th></tr>");
            foreach (var g in c.Gates)
            {
                Add($"<tr><td><code>{E(g.Name)}</code></td><td>{E(g.Limit)}</td><td>{E(g.Actual)}</td><td class=\"{(g.Passed ? "pass" : "fail")}\">{(g.Passed ? "pass" : "FAIL")}</td></tr>");
            }

            Add($"</table>");
        }

        Add($"<footer>The figures are in <code>compare.json</code> (schema {E(c.Schema)}); each run's own reports are in its directory.</footer>");
        return HtmlPage.Document($"{c.A.Scenario} vs {c.B.Scenario}", sb.ToString());
    }

    /// <summary>A sysctl's effect in a few words, for the tables.</summary>
    public static string Effect(SettingChange s) =>
        !s.Applied ? "not applied: not in this kernel" : s.Measurable ? "yes: " + string.Join(", ", s.Moved) : "no";

    /// <summary>A figure's value with its unit; a dash when the run did not reach it.</summary>
    public static string Show(double? v, string unit) =>
        v is { } x ? x.ToString("#,0.###", CultureInfo.InvariantCulture) + (unit is "%" ? "%" : unit is "ms" or "s" ? " " + unit : "") : "–";
}
