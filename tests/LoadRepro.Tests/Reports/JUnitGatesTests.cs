using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Diagnosis;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;
using LoadRepro.Tests.Judgement;

namespace LoadRepro.Tests.Reports;

public sealed class JUnitGatesTests
{
    private static readonly GateResult CloseWaitFailed = new() { Name = "maxCloseWait", Limit = "≤ 5", Actual = "35", Passed = false };
    private static readonly GateResult DiagnosisHeld = new() { Name = "diagnosis", Limit = "healthy", Actual = "healthy", Passed = true };
    private static readonly GateResult ExhaustionHeld = new() { Name = "exhaustion", Limit = "false", Actual = "false", Passed = true };

    [Fact]
    public void Run_IsOneSuiteNamedAfterTheScenario_WithATestcasePerGate_AndTheMeasuredValueInTheFailure()
    {
        var run = Result("reports/20260102-030405-close-wait-fixed", SyntheticRuns.Fixed() with
        {
            DurationSeconds = 8.6123,
            Gates = [DiagnosisHeld, ExhaustionHeld, CloseWaitFailed],
            Passed = false,
            Diagnosis = new DiagnosisInfo { Kind = DiagnosisKind.Healthy, Summary = "Descriptors peaked at 200 (baseline 180)." },
        });

        var xml = JUnitGates.Run(run);
        var doc = XDocument.Parse(xml);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml, StringComparison.Ordinal);
        var root = doc.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("3", "1", "0", "0", "8.612"), Counts(root));
        var suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal("close-wait-fixed", (string?)suite.Attribute("name"));
        Assert.Equal(("3", "1", "0", "0", "8.612"), Counts(suite));
        Assert.Equal("2026-01-02T03:04:05", (string?)suite.Attribute("timestamp"));

        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(["diagnosis", "exhaustion", "maxCloseWait"], cases.Select(c => (string?)c.Attribute("name")));
        Assert.All(cases, c => Assert.Equal("loadrepro.close-wait-fixed", (string?)c.Attribute("classname")));
        Assert.All(cases, c => Assert.Equal(0, double.Parse((string)c.Attribute("time")!, CultureInfo.InvariantCulture)));
        Assert.Null(cases[0].Element("failure"));
        var failure = Assert.Single(cases[2].Elements("failure"));
        Assert.Equal("expected ≤ 5, got 35", (string?)failure.Attribute("message"));
        Assert.Contains("Descriptors peaked at 200 (baseline 180).", failure.Value, StringComparison.Ordinal);
        Assert.Contains("reports/20260102-030405-close-wait-fixed/report.html", failure.Value, StringComparison.Ordinal);

        Assert.Equal("reports/20260102-030405-close-wait-fixed", Property(suite, "runDirectory"));
        Assert.Equal("reports/20260102-030405-close-wait-fixed/report.html", Property(suite, "report"));
        Assert.Contains("run directory: reports/20260102-030405-close-wait-fixed", suite.Element("system-out")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void File_IsUtf8WithoutAByteOrderMark()
    {
        var bytes = Encoding.UTF8.GetBytes(JUnitGates.Run(Result("d", SyntheticRuns.Fixed() with { Gates = [CloseWaitFailed] })));
        Assert.Equal((byte)'<', bytes[0]);
        Assert.Contains("≤ 5", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void RunWithoutGates_IsASuiteWithZeroTests()
    {
        var doc = XDocument.Parse(JUnitGates.Run(Result("d", SyntheticRuns.Fixed())));
        var suite = Assert.Single(doc.Root!.Elements("testsuite"));
        Assert.Equal(("0", "0", "0", "0", "0"), Counts(suite));
        Assert.Empty(suite.Elements("testcase"));
        Assert.Equal("d", Property(suite, "runDirectory"));
    }

    [Fact]
    public void LabRun_IsNamedNameAtProfile()
    {
        var run = SyntheticRuns.Fixed() with { Gates = [DiagnosisHeld], Lab = new LabInfo { Profile = "blog-advice", Network = LabNetworkKind.Veth, ServerNamespace = "lr-1-srv", ClientNamespace = "lr-1-cli" } };
        var suite = XDocument.Parse(JUnitGates.Run(Result("d", run))).Root!.Element("testsuite")!;
        Assert.Equal("close-wait-fixed@blog-advice", (string?)suite.Attribute("name"));
        Assert.Equal("loadrepro.close-wait-fixed@blog-advice", (string?)suite.Element("testcase")!.Attribute("classname"));
    }

    [Fact]
    public void InterruptedRun_ListsItsGatesAsMeasured_AndAnInterruptedTestcaseThatFails()
    {
        var run = SyntheticRuns.Fixed() with { Interrupted = true, DurationSeconds = 3.24, Gates = [DiagnosisHeld, ExhaustionHeld], Passed = true };
        var suite = XDocument.Parse(JUnitGates.Run(Result("d", run))).Root!.Element("testsuite")!;

        Assert.Equal(("3", "1", "0", "0", "3.24"), Counts(suite));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(["diagnosis", "exhaustion", JUnitGates.InterruptedCase], cases.Select(c => (string?)c.Attribute("name")));
        Assert.Null(cases[0].Element("failure"));
        Assert.Equal("the run was interrupted after 3.2 s: its gates judge what was measured until then", (string?)cases[2].Element("failure")!.Attribute("message"));
    }

    [Fact]
    public void TextThatNeedsEscaping_ComesBackAsWritten_AndCharactersXmlCannotHoldAreDropped()
    {
        const string Summary = "CLOSE_WAIT < 5 & \"quoted\" 'single' </failure> ]]> <![CDATA[x]]>";
        var run = SyntheticRuns.Fixed() with
        {
            Scenario = "odd<&\">name",
            Gates = [new GateResult { Name = "maxP99Ms", Limit = "≤ 5 ms", Actual = "<\"7\" & more>", Passed = false }],
            Diagnosis = new DiagnosisInfo { Kind = DiagnosisKind.Healthy, Summary = Summary },
            Server = new ServerOutcome { Bug = BugMode.None, KeepAlive = KeepAliveMode.On, Exited = true, ExitCode = 134, ExitReason = "aborted: \u001b[31mred\u001b[0m \u0001 😀" },
        };

        var xml = JUnitGates.Run(Result("dir & <co>", run));
        var suite = XDocument.Parse(xml).Root!.Element("testsuite")!;

        Assert.DoesNotContain("odd<&", xml, StringComparison.Ordinal);
        Assert.Equal("odd<&\">name", (string?)suite.Attribute("name"));
        Assert.Equal("loadrepro.odd<&\">name", (string?)suite.Element("testcase")!.Attribute("classname"));
        var failure = suite.Element("testcase")!.Element("failure")!;
        Assert.Equal("expected ≤ 5 ms, got <\"7\" & more>", (string?)failure.Attribute("message"));
        Assert.Contains(Summary, failure.Value, StringComparison.Ordinal);
        Assert.Contains("The server exited during the run with code 134: aborted: [31mred[0m  😀", failure.Value, StringComparison.Ordinal);
        Assert.Equal("dir & <co>", Property(suite, "runDirectory"));
    }

    [Fact]
    public void Comparison_IsASuitePerRunWithGates_AndTheVerdictIsOneMoreTestcaseOfB()
    {
        var a = Result("cmp/runs/a", SyntheticRuns.Leak() with { DurationSeconds = 7, Gates = [new GateResult { Name = "diagnosis", Limit = "close-wait-leak", Actual = "close-wait-leak", Passed = true }] });
        var b = Result("cmp/runs/b", SyntheticRuns.Fixed() with { DurationSeconds = 6.5, Gates = [DiagnosisHeld, ExhaustionHeld] });
        var pair = Pair(a, b);
        Assert.True(pair.Comparison!.Verdict.Holds);

        var root = XDocument.Parse(JUnitGates.Comparison(pair)).Root!;

        Assert.Equal(("4", "0", "0", "0", "13.5"), Counts(root));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["close-wait-leak", "close-wait-fixed"], suites.Select(s => (string?)s.Attribute("name")));
        Assert.Equal(("1", "0", "0", "0", "7"), Counts(suites[0]));
        Assert.Equal(("3", "0", "0", "0", "6.5"), Counts(suites[1]));
        var verdict = suites[1].Elements("testcase").Last();
        Assert.Equal(JUnitGates.VerdictCase, (string?)verdict.Attribute("name"));
        Assert.Equal("loadrepro.close-wait-leak vs close-wait-fixed", (string?)verdict.Attribute("classname"));
        Assert.StartsWith("The fix holds", verdict.Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Equal("cmp/compare.html", Property(suites[1], "comparisonReport"));
        Assert.Equal("cmp/runs/b", Property(suites[1], "runDirectory"));
    }

    [Fact]
    public void Comparison_WhereAHasNoGates_IsBsSuiteAlone()
    {
        var pair = Pair(Result("a", SyntheticRuns.Leak()), Result("b", SyntheticRuns.Fixed() with { Gates = [DiagnosisHeld] }));
        var suite = Assert.Single(XDocument.Parse(JUnitGates.Comparison(pair)).Root!.Elements("testsuite"));
        Assert.Equal("close-wait-fixed", (string?)suite.Attribute("name"));
        Assert.Equal(["diagnosis", JUnitGates.VerdictCase], suite.Elements("testcase").Select(c => (string?)c.Attribute("name")));
    }

    [Fact]
    public void AFixThatDoesNotHold_IsAFailedVerdict_WithTheMeasuredValuesInItsMessage()
    {
        var pair = Pair(Result("a", SyntheticRuns.Leak()), Result("b", SyntheticRuns.Fixed(peakCloseWait: 300, finalCloseWait: 290)));
        var suite = Assert.Single(XDocument.Parse(JUnitGates.Comparison(pair)).Root!.Elements("testsuite"));

        Assert.Equal(("1", "1", "0", "0", "0"), Counts(suite));
        var failure = suite.Element("testcase")!.Element("failure")!;
        Assert.Equal(pair.Comparison!.Verdict.Headline, (string?)failure.Attribute("message"));
        Assert.Contains("CLOSE_WAIT in B: peak 300, 290 after the drain", (string?)failure.Attribute("message"), StringComparison.Ordinal);
        Assert.Contains("FAIL CLOSE_WAIT in B: peak 300", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AComparisonThatMakesNoClaim_SkipsItsVerdict_WithTheReason()
    {
        var pair = Pair(Result("a", SyntheticRuns.Run("http10-short", ConnectionKind.Short)), Result("b", SyntheticRuns.Run("http11-keepalive", ConnectionKind.KeepAlive)));
        Assert.Null(pair.Comparison!.Verdict.Holds);

        var suite = Assert.Single(XDocument.Parse(JUnitGates.Comparison(pair)).Root!.Elements("testsuite"));

        Assert.Equal(("1", "0", "0", "1", "0"), Counts(suite));
        var skipped = suite.Element("testcase")!.Element("skipped")!;
        Assert.Equal("no claim to check: a keep-alive comparison reports what changed and judges no fix", (string?)skipped.Attribute("message"));
        Assert.StartsWith("At the same offered load", skipped.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonInterruptedDuringB_ListsBsGatesAsMeasured_AndNoVerdict()
    {
        var a = Result("a", SyntheticRuns.Leak());
        var b = Result("b", SyntheticRuns.Fixed() with { Interrupted = true, Gates = [DiagnosisHeld] });
        var root = XDocument.Parse(JUnitGates.Comparison(new ComparedPair("cmp", a, b, null))).Root!;

        var suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal(["diagnosis", JUnitGates.InterruptedCase], suite.Elements("testcase").Select(c => (string?)c.Attribute("name")));
        Assert.Null(Property(suite, "comparisonReport"));
        Assert.Equal("cmp", Property(suite, "comparisonDirectory"));
    }

    [Fact]
    public void TwoRunsOfOneScenario_AreToldApartByAAndB()
    {
        var pair = Pair(Result("a", SyntheticRuns.Fixed() with { Gates = [DiagnosisHeld] }), Result("b", SyntheticRuns.Fixed() with { Gates = [DiagnosisHeld] }));
        var suites = XDocument.Parse(JUnitGates.Comparison(pair)).Root!.Elements("testsuite").ToList();
        Assert.Equal(["close-wait-fixed (A)", "close-wait-fixed (B)"], suites.Select(s => (string?)s.Attribute("name")));
        Assert.Equal("loadrepro.close-wait-fixed (B)", (string?)suites[1].Element("testcase")!.Attribute("classname"));
    }

    [Fact]
    public void Suite_IsOneTestsuitePerPair_WithBothRunsGates_AndTheVerdict()
    {
        var fix = Pair(
            Result("s/1/runs/a", SyntheticRuns.Leak() with { DurationSeconds = 7, Gates = [new GateResult { Name = "exhaustion", Limit = "true", Actual = "true", Passed = true }] }),
            Result("s/1/runs/b", SyntheticRuns.Fixed() with { DurationSeconds = 6, Gates = [DiagnosisHeld, CloseWaitFailed], Passed = false }),
            "s/1");
        var keepAlive = Pair(
            Result("s/2/runs/a", SyntheticRuns.Run("http10-short", ConnectionKind.Short) with { DurationSeconds = 5 }),
            Result("s/2/runs/b", SyntheticRuns.Run("http11-keepalive", ConnectionKind.KeepAlive) with { DurationSeconds = 5, Gates = [DiagnosisHeld] }),
            "s/2");

        var root = XDocument.Parse(JUnitGates.Suite("fixes", [fix, keepAlive])).Root!;

        Assert.Equal("loadrepro compare --suite fixes", (string?)root.Attribute("name"));
        Assert.Equal(("6", "1", "0", "1", "23"), Counts(root));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["close-wait-leak vs close-wait-fixed", "http10-short vs http11-keepalive"], suites.Select(s => (string?)s.Attribute("name")));
        Assert.Equal(("4", "1", "0", "0", "13"), Counts(suites[0]));
        Assert.Equal(
            [("loadrepro.close-wait-leak", "exhaustion"), ("loadrepro.close-wait-fixed", "diagnosis"), ("loadrepro.close-wait-fixed", "maxCloseWait"), ("loadrepro.close-wait-leak vs close-wait-fixed", JUnitGates.VerdictCase)],
            suites[0].Elements("testcase").Select(c => ((string)c.Attribute("classname")!, (string)c.Attribute("name")!)));
        Assert.Equal("s/1/runs/a", Property(suites[0], "a.runDirectory"));
        Assert.Equal("s/1/runs/b", Property(suites[0], "b.runDirectory"));
        Assert.Equal("s/1/compare.html", Property(suites[0], "comparisonReport"));
        Assert.Equal(("2", "0", "0", "1", "10"), Counts(suites[1]));
    }

    private static RunResult Result(string directory, RunRecord record) => new(directory, record, [], []);

    private static ComparedPair Pair(RunResult a, RunResult b, string directory = "cmp") => new(directory, a, b, ComparisonJudge.Compare(a, b, directory));

    private static (string?, string?, string?, string?, string?) Counts(XElement e) =>
        ((string?)e.Attribute("tests"), (string?)e.Attribute("failures"), (string?)e.Attribute("errors"), (string?)e.Attribute("skipped"), (string?)e.Attribute("time"));

    private static string? Property(XElement suite, string name) =>
        (string?)suite.Element("properties")!.Elements("property").SingleOrDefault(p => (string?)p.Attribute("name") == name)?.Attribute("value");
}
