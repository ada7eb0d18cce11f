using System.Reflection;
using System.Text.Json;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Reports.Comparison;
using LoadRepro.Reports.Formats;
using LoadRepro.Reports.Writing;
using LoadRepro.Tests.Judgement;

namespace LoadRepro.Tests.Reports;

/// <summary>
/// The JSON files keep the strings they always had while the records hold enums: every member of every enum they hold is
/// checked against its name written here by hand (not produced by the code), and files written before the enums read back.
/// </summary>
public sealed class SummaryJsonTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loadrepro-json-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void TheTestsBelow_CoverEveryEnumTheRunRecordHolds()
    {
        Type[] covered =
        [
            typeof(TargetKind), typeof(BugMode), typeof(KeepAliveMode), typeof(LoadModelKind), typeof(ConnectionKind),
            typeof(SocketSourceKind), typeof(DiagnosisKind), typeof(LabNetworkKind),
        ];

        Assert.Equal(covered.Select(t => t.Name).Order(), EnumsIn(typeof(RunRecord)).Select(t => t.Name).Order());
    }

    [Fact]
    public void TheCompareTestBelow_CoversEveryEnumTheComparisonRecordHolds()
    {
        Type[] covered = [typeof(ComparisonStory), typeof(DiagnosisKind), typeof(ComparisonSide)];

        Assert.Equal(covered.Select(t => t.Name).Order(), EnumsIn(typeof(ComparisonRecord)).Select(t => t.Name).Order());
    }

    [Fact]
    public void TargetKind_IsWrittenByItsName() => EachMember(
        [(TargetKind.Embedded, "embedded"), (TargetKind.External, "external")],
        (r, v) => r with { Target = r.Target with { Kind = v } },
        j => j.GetProperty("target").GetProperty("kind"),
        r => r.Target.Kind);

    [Fact]
    public void BugMode_IsWrittenByItsName_AndTheUsersServersAsUnknown()
    {
        EachMember(
            [
                (BugMode.None, "none"), (BugMode.IgnorePeerFin, "ignore-peer-fin"), (BugMode.HangHandler, "hang-handler"),
                (BugMode.LeakFile, "leak-file"), (BugMode.SlowClose, "slow-close"), (BugMode.OutboundPerRequest, "outbound-per-request"),
            ],
            (r, v) => r with { Server = r.Server with { Bug = v } },
            j => j.GetProperty("server").GetProperty("bug"),
            r => r.Server.Bug!.Value);

        var (json, back) = RoundTrip(SyntheticRuns.Fixed() with { Server = new ServerOutcome { Bug = null, KeepAlive = null } });
        Assert.Equal("unknown", json.GetProperty("server").GetProperty("bug").GetString());
        Assert.Null(back.Server.Bug);
        Assert.Equal("unknown", back.Server.BugName());
    }

    [Fact]
    public void KeepAliveMode_IsWrittenAsUsersTypeIt_AndTheUsersServersAsUnknown()
    {
        string[] typed = ["on", "off", "forever", "timeout=5s", "max-requests=100"];
        var modes = typed.Select(t => KeepAliveMode.TryParse(t, out var m, out _) ? m : throw new InvalidOperationException(t)).ToList();
        Assert.Equal(Enum.GetValues<KeepAliveKind>().Order(), modes.Select(m => m.Kind).Order());

        foreach (var (mode, text) in modes.Zip(typed))
        {
            var (json, back) = RoundTrip(SyntheticRuns.Fixed() with { Server = new ServerOutcome { Bug = BugMode.None, KeepAlive = mode } });
            Assert.Equal(text, json.GetProperty("server").GetProperty("keepAlive").GetString());
            Assert.Equal(mode, back.Server.KeepAlive);
            Assert.Equal(text, back.Server.KeepAliveName());
        }

        var (unknown, read) = RoundTrip(SyntheticRuns.Fixed() with { Server = new ServerOutcome { Bug = null, KeepAlive = null } });
        Assert.Equal("unknown", unknown.GetProperty("server").GetProperty("keepAlive").GetString());
        Assert.Null(read.Server.KeepAlive);
    }

    [Fact]
    public void LoadModelKind_IsWrittenByItsName() => EachMember(
        [(LoadModelKind.Rate, "rate"), (LoadModelKind.Concurrency, "concurrency")],
        (r, v) => r with { Load = r.Load with { Model = v } },
        j => j.GetProperty("load").GetProperty("model"),
        r => r.Load.Model);

    [Fact]
    public void ConnectionKind_IsWrittenByItsName_HttpClientAsOneWord() => EachMember(
        [
            (ConnectionKind.Short, "short"), (ConnectionKind.KeepAlive, "keep-alive"), (ConnectionKind.HalfClose, "half-close"),
            (ConnectionKind.Abandon, "abandon"), (ConnectionKind.Rst, "rst"), (ConnectionKind.IdleHold, "idle-hold"),
            (ConnectionKind.HttpClientPerRequest, "httpclient-per-request"), (ConnectionKind.HttpClientShared, "httpclient-shared"),
        ],
        (r, v) => r with { Load = r.Load with { Connection = v } },
        j => j.GetProperty("load").GetProperty("connection"),
        r => r.Load.Connection);

    [Fact]
    public void SocketSourceKind_IsWrittenByItsName() => EachMember(
        [(SocketSourceKind.Proc, "proc"), (SocketSourceKind.Netlink, "netlink")],
        (r, v) => r with { Samples = r.Samples with { Source = v } },
        j => j.GetProperty("samples").GetProperty("source"),
        r => r.Samples.Source);

    [Fact]
    public void DiagnosisKind_IsWrittenByItsName() => EachMember(DiagnosisNames, (r, v) => r with { Diagnosis = r.Diagnosis with { Kind = v } }, j => j.GetProperty("diagnosis").GetProperty("kind"), r => r.Diagnosis.Kind);

    [Fact]
    public void LabNetworkKind_IsWrittenByItsName() => EachMember(
        [(LabNetworkKind.Veth, "veth"), (LabNetworkKind.Loopback, "loopback")],
        (r, v) => r with { Lab = new LabInfo { Profile = "p", Network = v, ServerNamespace = "s", ClientNamespace = "c" } },
        j => j.GetProperty("lab").GetProperty("network"),
        r => r.Lab!.Network);

    [Fact]
    public void CompareJson_WritesTheStory_EachRunsDiagnosis_AndTheBetterSide_ByTheirNames()
    {
        (ComparisonStory, string)[] stories = [(ComparisonStory.Fix, "fix"), (ComparisonStory.KeepAlive, "keep-alive"), (ComparisonStory.Sysctl, "sysctl"), (ComparisonStory.General, "general")];
        (ComparisonSide?, string)[] sides = [(ComparisonSide.A, "a"), (ComparisonSide.B, "b"), (null, "")];
        Assert.Equal(Enum.GetValues<ComparisonStory>(), stories.Select(s => s.Item1).Order());
        Assert.Equal(Enum.GetValues<ComparisonSide>(), sides.Where(s => s.Item1 is not null).Select(s => s.Item1!.Value).Order());
        Assert.Equal(Enum.GetValues<DiagnosisKind>(), DiagnosisNames.Select(d => d.Member).Order());

        var a = new RunResult(Path.Combine(_folder, "a"), SyntheticRuns.Leak(), SyntheticRuns.Samples(t => (int)(t * 100)), []);
        var b = new RunResult(Path.Combine(_folder, "b"), SyntheticRuns.Fixed(), SyntheticRuns.Samples(_ => 0), []);
        var compared = ComparisonJudge.Compare(a, b, _folder);
        for (var i = 0; i < DiagnosisNames.Length; i++)
        {
            var (story, storyName) = stories[i % stories.Length];
            var (side, sideName) = sides[i % sides.Length];
            var (diagnosis, diagnosisName) = DiagnosisNames[i];
            var c = compared with
            {
                Story = story,
                A = compared.A with { Diagnosis = diagnosis },
                Figures = [compared.Figures[0] with { Better = side }],
            };
            ComparisonReports.Write(_folder, c, a, b);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, ComparisonReports.JsonName)));
            var json = doc.RootElement;

            Assert.Equal(storyName, json.GetProperty("story").GetString());
            Assert.Equal(sideName, json.GetProperty("figures")[0].GetProperty("better").GetString());
            Assert.Equal(diagnosisName, json.GetProperty("a").GetProperty("diagnosis").GetString());
        }
    }

    [Fact]
    public void AnOldSummary_OfOurServerInTheLab_ReadsBackTyped_AndIsWrittenAgainByteForByte()
    {
        var run = ReadBack(OldSummaryJson.EmbeddedInTheLab);
        var r = run.Record;

        Assert.Equal(TargetKind.Embedded, r.Target.Kind);
        Assert.Equal(BugMode.IgnorePeerFin, r.Server.Bug);
        Assert.Equal(KeepAliveKind.Timeout, r.Server.KeepAlive!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), r.Server.KeepAlive.IdleTimeout);
        Assert.Equal((LoadModelKind.Rate, ConnectionKind.HttpClientPerRequest), (r.Load.Model, r.Load.Connection));
        Assert.Equal(SocketSourceKind.Netlink, r.Samples.Source);
        Assert.Equal(DiagnosisKind.CloseWaitLeak, r.Diagnosis.Kind);
        Assert.Equal(LabNetworkKind.Veth, r.Lab!.Network);
        Assert.Equal(OldSummaryJson.EmbeddedInTheLab, new JsonSummary().Render(r, [], []));
    }

    [Fact]
    public void AnOldSummary_OfTheUsersOwnServer_ReadsItsUnknownModesAsNull_AndIsWrittenAgainByteForByte()
    {
        var r = ReadBack(OldSummaryJson.UsersOwnServer).Record;

        Assert.Equal(TargetKind.External, r.Target.Kind);
        Assert.Null(r.Server.Bug);
        Assert.Null(r.Server.KeepAlive);
        Assert.Equal((LoadModelKind.Concurrency, ConnectionKind.KeepAlive), (r.Load.Model, r.Load.Connection));
        Assert.Equal(SocketSourceKind.Proc, r.Samples.Source);
        Assert.Equal(DiagnosisKind.TimeWaitAccumulation, r.Diagnosis.Kind);
        Assert.Equal(OldSummaryJson.UsersOwnServer, new JsonSummary().Render(r, [], []));
    }

    [Fact]
    public void AKindNoEnumHas_IsNotARunRecord_NamingTheKind()
    {
        var bad = OldSummaryJson.UsersOwnServer.Replace("\"time-wait-accumulation\"", "\"time-wait\"", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidDataException>(() => JsonSummary.Read(bad, "summary.json"));
        Assert.StartsWith("summary.json: not a run record (", e.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(DiagnosisKind), e.Message, StringComparison.Ordinal);
    }

    private static (DiagnosisKind Member, string Name)[] DiagnosisNames { get; } =
    [
        (DiagnosisKind.CloseWaitLeak, "close-wait-leak"), (DiagnosisKind.EstablishedLeak, "established-leak"),
        (DiagnosisKind.FdLeakNonSocket, "fd-leak-non-socket"), (DiagnosisKind.TimeWaitAccumulation, "time-wait-accumulation"),
        (DiagnosisKind.PortExhaustion, "port-exhaustion"), (DiagnosisKind.Healthy, "healthy"),
    ];

    /// <summary>Every member is listed once; each is written as its name, the text form agrees, and it reads back as itself.</summary>
    private static void EachMember<TEnum>(
        (TEnum Member, string Name)[] names, Func<RunRecord, TEnum, RunRecord> set, Func<JsonElement, JsonElement> field, Func<RunRecord, TEnum> get)
        where TEnum : struct, Enum
    {
        Assert.Equal(Enum.GetValues<TEnum>(), names.Select(n => n.Member).Order());
        foreach (var (member, name) in names)
        {
            var (json, back) = RoundTrip(set(SyntheticRuns.Fixed(), member));
            Assert.Equal(name, field(json).GetString());
            Assert.Equal(member, get(back));
            Assert.Equal(name, KebabNames.Name(member));
        }
    }

    private static (JsonElement Json, RunRecord Back) RoundTrip(RunRecord record)
    {
        var text = new JsonSummary().Render(record, [], []);
        using var doc = JsonDocument.Parse(text);
        return (doc.RootElement.Clone(), JsonSummary.Read(text, "summary.json"));
    }

    private RunResult ReadBack(string summaryJson)
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, JsonSummary.Name), summaryJson);
        File.WriteAllText(Path.Combine(_folder, CsvSamples.Name), CsvSamples.Format(SyntheticRuns.Samples(_ => 0)));
        return RunDirectoryReader.Read(_folder);
    }

    /// <summary>The enums (and keep-alive modes, typed with their own text form) a record holds, however deep.</summary>
    private static HashSet<Type> EnumsIn(Type record)
    {
        var found = new HashSet<Type>();
        var seen = new HashSet<Type>();
        void Walk(Type t)
        {
            if (!seen.Add(t))
            {
                return;
            }

            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                if (type.IsEnum || type == typeof(KeepAliveMode))
                {
                    found.Add(type);
                    continue;
                }

                foreach (var inner in (type.IsGenericType ? type.GetGenericArguments() : [type]).Where(i => i.Assembly == typeof(RunRecord).Assembly))
                {
                    Walk(inner);
                }
            }
        }

        Walk(record);
        return found;
    }
}
