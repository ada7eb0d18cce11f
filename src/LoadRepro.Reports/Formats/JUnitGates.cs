using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Comparison;

namespace LoadRepro.Reports.Formats;

/// <summary>
/// The gates as JUnit XML (<c>--junit FILE</c>), so CI test reports (GitLab, Jenkins, GitHub) list them: a testsuite per
/// run judged, a testcase per gate, a failed gate as a failure naming the limit and the measured value. It renders the
/// gates and verdicts the judgement made and decides nothing itself.
/// </summary>
public static class JUnitGates
{
    /// <summary>The testcase that fails when the run was interrupted.</summary>
    public const string InterruptedCase = "interrupted";

    /// <summary>The testcase of a comparison's verdict: the name <c>compare.json</c> gives its gate.</summary>
    public const string VerdictCase = "fixHolds";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>One run: one testsuite named after its label, a testcase per gate.</summary>
    public static string Run(RunResult run)
    {
        var label = RunLabel.Of(run.Record);
        return Document("loadrepro run", [Suite(label, [run], RunCases(run, label), RunProperties("", run), RunLines(label, run))]);
    }

    /// <summary>
    /// <c>compare A B</c>: a testsuite for A when it has gates (or was interrupted), one for B with the verdict as one
    /// more testcase. Each is named after its run's label, with (A) and (B) added when both runs share one.
    /// </summary>
    public static string Comparison(ComparedPair pair)
    {
        var (a, b) = Labels(pair);
        var suites = new List<XElement>();
        // A's gates as the comparison judged them: none for one load on two builds, where only B is gated.
        var gatesOfA = pair.Comparison is { } c ? c.Gates.Any(g => g.Name.StartsWith("A ", StringComparison.Ordinal)) : pair.A.Record.Gates.Count > 0;
        if (gatesOfA || pair.A.Record.Interrupted)
        {
            suites.Add(Suite(a, [pair.A], RunCases(pair.A, a), [.. RunProperties("", pair.A), .. ComparisonProperties(pair)], RunLines(a, pair.A)));
        }

        if (pair.B is { } runB)
        {
            var cases = RunCases(runB, b).Concat(VerdictCases(pair, a, b)).ToList();
            suites.Add(Suite(b, [runB], cases, [.. RunProperties("", runB), .. ComparisonProperties(pair)], [.. RunLines(b, runB), .. ComparisonLines(pair)]));
        }

        return Document("loadrepro compare", suites);
    }

    /// <summary><c>compare --suite NAME</c>: a testsuite per pair (A's gates, B's gates, the verdict), named <c>A vs B</c>.</summary>
    public static string Suite(string name, IReadOnlyList<ComparedPair> pairs) =>
        Document($"loadrepro compare --suite {name}", pairs.Select(PairSuite).ToList());

    private static XElement PairSuite(ComparedPair pair)
    {
        var (a, b) = Labels(pair);
        var runs = new List<RunResult> { pair.A };
        var cases = RunCases(pair.A, a).ToList();
        var properties = RunProperties("a.", pair.A).ToList();
        var lines = RunLines(a, pair.A).ToList();
        if (pair.B is { } runB)
        {
            runs.Add(runB);
            cases.AddRange(RunCases(runB, b));
            cases.AddRange(VerdictCases(pair, a, b));
            properties.AddRange(RunProperties("b.", runB));
            lines.AddRange(RunLines(b, runB));
        }

        properties.AddRange(ComparisonProperties(pair));
        lines.AddRange(ComparisonLines(pair));

        // Stopped before B started, the pair has no B to name.
        return Suite(pair.B is null ? a : $"{a} vs {b}", runs, cases, properties, lines);
    }

    /// <summary>A testcase per gate of the run, in the record's order, and a failing <c>interrupted</c> when it was stopped early.</summary>
    private static IEnumerable<XElement> RunCases(RunResult run, string label)
    {
        var r = run.Record;
        var classname = "loadrepro." + label;
        foreach (var g in r.Gates)
        {
            var message = $"expected {g.Limit}, got {g.Actual}";
            yield return Case(g.Name, classname, g.Passed ? null : Outcome("failure", message, "gate", [$"{g.Name}: {message}.", .. Diagnosis(run)]));
        }

        if (r.Interrupted)
        {
            var message = F($"the run was interrupted after {r.DurationSeconds:0.0} s: its gates judge what was measured until then");
            yield return Case(InterruptedCase, classname, Outcome("failure", message, "interrupted", Diagnosis(run)));
        }
    }

    /// <summary>The verdict's testcase, when there is a comparison: passed, failed, or skipped when the pair makes no claim.</summary>
    private static IEnumerable<XElement> VerdictCases(ComparedPair pair, string a, string b)
    {
        if (pair.Comparison is not { } c)
        {
            yield break;
        }

        var classname = $"loadrepro.{a} vs {b}";
        string[] body =
        [
            c.Verdict.Headline,
            .. c.Verdict.Reasons.Select(r => $"{r.Ok switch { true => "ok  ", false => "FAIL", null => "-   " }} {r.Text}"),
            $"Report: {Path.Combine(pair.Directory, CompareHtml.Name)}",
        ];
        yield return c.Verdict.Holds switch
        {
            true => Case(VerdictCase, classname, new XElement("system-out", Text(Lines(body)))),
            false => Case(VerdictCase, classname, Outcome("failure", c.Verdict.Headline, "verdict", body)),
            null => Case(VerdictCase, classname, Outcome("skipped", $"no claim to check: a {KebabNames.Name(c.Story)} comparison reports what changed and judges no fix", null, body)),
        };
    }

    private static XElement Case(string name, string classname, XElement? outcome) =>
        new("testcase", Attribute("name", name), Attribute("classname", classname), new XAttribute("time", "0"), outcome);

    private static XElement Outcome(string kind, string message, string? type, IEnumerable<string> body) =>
        new(kind, Attribute("message", message), type is null ? null : new XAttribute("type", type), Text(Lines(body)));

    private static XElement Suite(string name, List<RunResult> runs, IEnumerable<XElement> cases, IEnumerable<(string Name, string Value)> properties, IEnumerable<string> lines)
    {
        var list = cases.ToList();

        // A gate is checked once the run is over and takes no time of its own: the run's wall time is the suite's.
        return new XElement(
            "testsuite",
            Attribute("name", name),
            new XAttribute("tests", list.Count),
            new XAttribute("failures", list.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", list.Count(c => c.Element("skipped") is not null)),
            new XAttribute("time", Seconds(runs.Sum(r => r.Record.DurationSeconds))),
            new XAttribute("timestamp", runs[0].Record.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties", properties.Select(p => new XElement("property", Attribute("name", p.Name), Attribute("value", p.Value)))),
            list,
            new XElement("system-out", Text(Lines(lines))));
    }

    private static IEnumerable<(string, string)> RunProperties(string prefix, RunResult run) =>
    [
        (prefix + "runDirectory", run.Directory),
        (prefix + "report", Path.Combine(run.Directory, HtmlReport.Name)),
        (prefix + "diagnosis", KebabNames.Name(run.Record.Diagnosis.Kind)),
    ];

    private static IEnumerable<(string, string)> ComparisonProperties(ComparedPair pair) =>
        pair.Comparison is null
            ? [("comparisonDirectory", pair.Directory)]
            : [("comparisonDirectory", pair.Directory), ("comparisonReport", Path.Combine(pair.Directory, CompareHtml.Name))];

    private static IEnumerable<string> RunLines(string label, RunResult run) =>
    [
        $"{label}: diagnosis {KebabNames.Name(run.Record.Diagnosis.Kind)}; gates {(run.Record.Passed ? "passed" : "FAILED")}{(run.Record.Interrupted ? " (interrupted: partial run)" : "")}",
        $"  run directory: {run.Directory}",
        $"  report: {Path.Combine(run.Directory, HtmlReport.Name)}",
    ];

    private static IEnumerable<string> ComparisonLines(ComparedPair pair) =>
        pair.Comparison is null
            ? [$"comparison not made (interrupted); its directory: {pair.Directory}"]
            : [$"comparison: {Path.Combine(pair.Directory, CompareHtml.Name)}"];

    /// <summary>What a failure's body says beside the gate: the diagnosis, how the server ended when it exited by itself, where the report is.</summary>
    private static IEnumerable<string> Diagnosis(RunResult run)
    {
        var r = run.Record;
        yield return $"Diagnosis {KebabNames.Name(r.Diagnosis.Kind)}: {r.Diagnosis.Summary}";
        if (r.Server.Exited)
        {
            yield return $"The server exited during the run with code {r.Server.ExitCode}: {r.Server.ExitReason}";
        }

        yield return $"Report: {Path.Combine(run.Directory, HtmlReport.Name)}";
    }

    /// <summary>The two runs' labels; when both share one (two stored runs of one scenario), (A) and (B) keep their testcases apart.</summary>
    private static (string A, string B) Labels(ComparedPair pair)
    {
        var a = RunLabel.Of(pair.A.Record);
        var b = pair.B is { } runB ? RunLabel.Of(runB.Record) : "";
        return a == b ? ($"{a} (A)", $"{b} (B)") : (a, b);
    }

    private static string Document(string name, IReadOnlyList<XElement> suites)
    {
        var root = new XElement(
            "testsuites",
            Attribute("name", name),
            new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", suites.Sum(s => (int)s.Attribute("skipped")!)),
            new XAttribute("time", Seconds(suites.Sum(s => (double)s.Attribute("time")!))),
            suites);
        var settings = new XmlWriterSettings { Encoding = Utf8, Indent = true, NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }

        return Utf8.GetString(stream.ToArray()) + "\n";
    }

    private static XAttribute Attribute(string name, string value) => new(name, Clean(value));

    private static XText Text(string value) => new(Clean(value));

    private static string Lines(IEnumerable<string> lines) => string.Join('\n', lines);

    private static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Drops what XML 1.0 cannot hold (control characters such as a terminal's ESC, which the server's last stderr lines
    /// in its exit reason, or a stored summary.json, can carry): the writer would refuse the whole file for one of them.
    /// </summary>
    private static string Clean(string s)
    {
        if (s.All(XmlConvert.IsXmlChar))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (XmlConvert.IsXmlChar(s[i]))
            {
                sb.Append(s[i]);
            }
            else if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i]))
            {
                sb.Append(s, i, 2);
                i++;
            }
        }

        return sb.ToString();
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
