using LoadRepro.Core.Modes;
using YamlDotNet.Serialization;

namespace LoadRepro.Core.Scenarios;

/// <summary>Reads scenario YAML into a validated <see cref="ScenarioDefinition"/>; every problem is a <see cref="ScenarioException"/>.</summary>
public static class ScenarioParser
{
    private static readonly (string, ConnectionKind)[] Connections =
    [
        ("short", ConnectionKind.Short), ("keep-alive", ConnectionKind.KeepAlive), ("half-close", ConnectionKind.HalfClose),
        ("abandon", ConnectionKind.Abandon), ("rst", ConnectionKind.Rst), ("idle-hold", ConnectionKind.IdleHold),
        ("httpclient-per-request", ConnectionKind.HttpClientPerRequest), ("httpclient-shared", ConnectionKind.HttpClientShared),
    ];

    private static readonly (string, LabNetworkKind)[] LabNetworks = [("veth", LabNetworkKind.Veth), ("loopback", LabNetworkKind.Loopback)];

    private static readonly (string, LoadModelKind)[] Models = [("rate", LoadModelKind.Rate), ("concurrency", LoadModelKind.Concurrency)];

    private const string StagesExpected = "expected a non-empty list of mappings, e.g. [{duration: 2s, rate: 100}]";

    private static readonly IDeserializer Deserializer = YamlSource.Deserializer(
        (typeof(List<ScenarioDto.StageDto>), StagesExpected),
        (typeof(List<ScenarioDto.RequestDto>), "expected a list of mappings, e.g. [{weight: 9, path: /health}, {weight: 1, method: POST, path: /upload}]"),
        (typeof(List<string>), "expected a list of header lines, e.g. [\"Accept: application/json\"]"));

    /// <summary>The names of connection kinds as written in scenario files.</summary>
    public static IReadOnlyList<string> ConnectionNames { get; } = Connections.Select(c => c.Item1).ToArray();

    /// <summary>The name of a connection kind as written in scenario files.</summary>
    public static string Name(ConnectionKind kind) => Connections.First(c => c.Item2 == kind).Item1;

    /// <summary>The name of a load model as written in scenario files.</summary>
    public static string Name(LoadModelKind kind) => Models.First(c => c.Item2 == kind).Item1;

    /// <summary>The name of a lab network as written in scenario files.</summary>
    public static string Name(LabNetworkKind kind) => LabNetworks.First(c => c.Item2 == kind).Item1;

    /// <summary>Whether <paramref name="name"/> can name a profile file: lowercase letters, digits and dashes.</summary>
    public static (bool Ok, string Value, string Error) ProfileNameShape(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? (true, name, "")
            : (false, name, $"'{name}' is not a profile name (lowercase letters, digits and dashes, e.g. short-port-range)");

    /// <summary>Reads and validates a scenario file.</summary>
    public static ScenarioDefinition ParseFile(string path)
    {
        return Parse(YamlSource.ReadFile(path, "scenario file"), path);
    }

    /// <summary>Parses scenario YAML; <paramref name="file"/> names it in errors.</summary>
    public static ScenarioDefinition Parse(string yaml, string file)
    {
        var (dto, at) = YamlSource.Load<ScenarioDto>(Deserializer, yaml, file, "at least a 'name' key");
        var scenario = new ScenarioDefinition
        {
            Name = at.Required(dto.Name, "name", "every scenario has a name"),
            Description = at.Text(dto.Description, "description") ?? "",
            SourcePath = file,
            Lab = at.Bool(dto.Lab, "lab") ?? false,
            Server = ReadServer(dto.Server, at),
            Load = ReadLoad(dto.Load, at, file),
            Sample = ReadSample(dto.Sample, at),
            Expect = ReadExpect(dto.Expect, at),
            Profile = at.Choice(dto.Profile, "profile", t => ProfileNameShape(t)),
            LabNetwork = at.Enum(dto.LabNetwork, "labNetwork", LabNetworks) ?? LabNetworkKind.Veth,
        };
        if (!scenario.Lab && (scenario.Profile is not null || scenario.LabNetwork != LabNetworkKind.Veth))
        {
            throw new ScenarioException($"{file}: profile and labNetwork apply to the lab only: add 'lab: true'");
        }

        if (scenario.Server.Tls && TlsProblem(scenario.Load.Connection) is { } tlsProblem)
        {
            throw at.Error("load.connection", tlsProblem);
        }

        return scenario;
    }

    /// <summary>Why <paramref name="connection"/> cannot run over TLS, or null when it can.</summary>
    public static string? TlsProblem(ConnectionKind connection) => connection == ConnectionKind.HalfClose
        ? "half-close cannot run over TLS: a TCP FIN under TLS ends the TLS stream, so the server has no half-open stream to answer on; use short, keep-alive, rst, abandon or idle-hold"
        : null;

    private static ServerSettings ReadServer(ScenarioDto.ServerDto? m, YamlValues at)
    {
        var d = new ServerSettings();
        if (m is null)
        {
            return d;
        }

        var server = new ServerSettings
        {
            Bug = at.Enum(m.Bug, "server.bug", ModeNames.Bugs) ?? d.Bug,
            KeepAlive = at.Choice(m.KeepAlive, "server.keepAlive", t => KeepAliveMode.TryParse(t, out var k, out var err) ? (true, k, "") : (false, k, err)) ?? d.KeepAlive,
            MaxFds = at.Int(m.MaxFds, "server.maxFds", ScenarioDefaults.MinMaxFds, 1 << 20) ?? d.MaxFds,
            Stack = at.Enum(m.Stack, "server.stack", ModeNames.Stacks),
            SlowCloseDelay = at.Duration(m.SlowClose, "server.slowClose", TimeSpan.Zero, ScenarioDefaults.MaxSlowCloseDelay) ?? d.SlowCloseDelay,
            BugPath = at.Choice(m.BugPath, "server.bugPath", RequestReader.PathShape),
            Tls = at.Bool(m.Tls, "server.tls") ?? d.Tls,
        };
        return server.BugPath is not null && ModeNames.BugPathProblem(server.Bug) is { } problem
            ? throw at.Error("server.bugPath", problem)
            : server;
    }

    private static LoadSettings ReadLoad(ScenarioDto.LoadDto? m, YamlValues at, string file)
    {
        var d = new LoadSettings();
        if (m is null)
        {
            return d;
        }

        var l = new LoadSettings
        {
            Connection = at.Enum(m.Connection, "load.connection", Connections) ?? d.Connection,
            Http = at.Choice(m.Http, "load.http", t => t is "1.0" or "1.1" ? (true, t, "") : (false, t, $"'{t}' is not an HTTP version (\"1.0\" or \"1.1\")")) ?? d.Http,
            Model = at.Enum(m.Model, "load.model", Models) ?? d.Model,
            Rate = at.Int(m.Rate, "load.rate", 1, ScenarioDefaults.MaxRate) ?? d.Rate,
            Concurrency = at.Int(m.Concurrency, "load.concurrency", 1, ScenarioDefaults.MaxConcurrency) ?? d.Concurrency,
            Duration = at.Duration(m.Duration, "load.duration", TimeSpan.FromMilliseconds(100), ScenarioDefaults.MaxDuration) ?? d.Duration,
            MaxRequests = at.Int(m.MaxRequests, "load.maxRequests", 1, ScenarioDefaults.MaxRequests) ?? d.MaxRequests,
            Timeout = at.Duration(m.Timeout, "load.timeout", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5)) ?? d.Timeout,
            Path = at.Choice(m.Path, "load.path", RequestReader.PathShape) ?? d.Path,
            Requests = RequestReader.Read(m, at, file),
            MaxInFlight = at.Int(m.MaxInFlight, "load.maxInFlight", 1, LoadDefaults.MaxInFlight) ?? d.MaxInFlight,
            Pipeline = at.Int(m.Pipeline, "load.pipeline", 1, LoadDefaults.MaxPipelineDepth) ?? d.Pipeline,
            AbandonAfter = at.Duration(m.AbandonAfter, "load.abandonAfter", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5)) ?? d.AbandonAfter,
            Hold = at.Duration(m.Hold, "load.hold", TimeSpan.Zero, ScenarioDefaults.MaxDuration) ?? d.Hold,
            StopAfterExhaustion = at.Duration(m.StopAfterExhaustion, "load.stopAfterExhaustion", TimeSpan.Zero, ScenarioDefaults.MaxDuration) ?? d.StopAfterExhaustion,
        };
        var stages = ReadStages(m.Stages, at);
        if (stages.Count > 0 && l.Model != LoadModelKind.Rate)
        {
            throw at.FileError("load.stages", "only the rate model has stages (model: rate)");
        }

        if (stages.Count > 0)
        {
            // Stages say how long the ramp lasts; an explicit duration still cuts it short.
            var total = stages.Aggregate(TimeSpan.Zero, (sum, st) => sum + st.Duration);
            l = l with { Stages = stages, Duration = m.Duration is not null ? TimeSpan.FromTicks(Math.Min(l.Duration.Ticks, total.Ticks)) : total };
        }

        return l;
    }

    private static List<RateStage> ReadStages(List<ScenarioDto.StageDto>? items, YamlValues at)
    {
        if (items is null)
        {
            return [];
        }

        if (items.Count == 0)
        {
            throw at.Error("load.stages", StagesExpected);
        }

        if (items.Count > LoadDefaults.MaxStages)
        {
            throw at.FileError("load.stages", $"{items.Count} stages, at most {LoadDefaults.MaxStages}");
        }

        var stages = items.Select((item, i) => new RateStage
        {
            Duration = at.Duration(item.Duration, $"load.stages[{i}].duration", TimeSpan.FromMilliseconds(100), ScenarioDefaults.MaxDuration)
                ?? throw at.Missing($"load.stages[{i}].duration", "every stage has a duration, e.g. 2s"),
            Rate = at.Int(item.Rate, $"load.stages[{i}].rate", 1, ScenarioDefaults.MaxRate)
                ?? throw at.Missing($"load.stages[{i}].rate", "every stage has a target rate"),
        }).ToList();
        var total = stages.Aggregate(TimeSpan.Zero, (sum, st) => sum + st.Duration);
        return total <= ScenarioDefaults.MaxDuration
            ? stages
            : throw at.FileError("load.stages", $"they last {DurationText.Format(total)}, longer than {DurationText.Format(ScenarioDefaults.MaxDuration)}");
    }

    private static SampleSettings ReadSample(ScenarioDto.SampleDto? m, YamlValues at)
    {
        var d = new SampleSettings();
        return m is null ? d : new SampleSettings
        {
            Interval = at.Duration(m.Interval, "sample.interval", ScenarioDefaults.MinSampleInterval, TimeSpan.FromSeconds(10)) ?? d.Interval,
            Drain = at.Duration(m.Drain, "sample.drain", TimeSpan.Zero, ScenarioDefaults.MaxDrain) ?? d.Drain,
        };
    }

    private static ExpectSettings ReadExpect(ScenarioDto.ExpectDto? m, YamlValues at) => m is null ? new ExpectSettings() : new ExpectSettings
    {
        Diagnosis = at.Choice(m.Diagnosis, "expect.diagnosis", t => DiagnosisKinds.All.Contains(t)
            ? (true, t, "")
            : (false, t, $"'{t}' is not a diagnosis kind ({string.Join(", ", DiagnosisKinds.All)})")),
        Exhaustion = at.Bool(m.Exhaustion, "expect.exhaustion"),
        MaxCloseWait = at.Int(m.MaxCloseWait, "expect.maxCloseWait", 0, int.MaxValue),
        MaxTimeWait = at.Int(m.MaxTimeWait, "expect.maxTimeWait", 0, int.MaxValue),
        MaxFdGrowth = at.Int(m.MaxFdGrowth, "expect.maxFdGrowth", 0, int.MaxValue),
        MinSuccessRatio = at.Double(m.MinSuccessRatio, "expect.minSuccessRatio", 0, 1),
        MaxP99Ms = at.Double(m.MaxP99Ms, "expect.maxP99Ms", 0, 3_600_000),
    };
}
