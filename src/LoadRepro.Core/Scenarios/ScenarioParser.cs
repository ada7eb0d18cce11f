using LoadRepro.Core.Modes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
        var root = YamlSource.LoadRoot(yaml, file, "at least a 'name' key");

        var top = new YamlMapping(root, file, "");
        var name = top.String("name") ?? throw new ScenarioException($"{file}:1: name: missing (every scenario has a name)");
        var scenario = new ScenarioDefinition
        {
            Name = name,
            Description = top.String("description") ?? "",
            SourcePath = file,
            Lab = top.Bool("lab") ?? false,
            Server = ReadServer(top.Mapping("server")),
            Load = ReadLoad(top.Mapping("load")),
            Sample = ReadSample(top.Mapping("sample")),
            Expect = ReadExpect(top.Mapping("expect")),
            Profile = top.Choice("profile", t => ProfileNameShape(t)),
            LabNetwork = top.Enum("labNetwork", LabNetworks) ?? LabNetworkKind.Veth,
        };
        top.RejectUnknownKeys();
        if (!scenario.Lab && (scenario.Profile is not null || scenario.LabNetwork != LabNetworkKind.Veth))
        {
            throw new ScenarioException($"{file}: profile and labNetwork apply to the lab only: add 'lab: true'");
        }

        return scenario;
    }

    private static ServerSettings ReadServer(YamlMapping? m)
    {
        var s = new ServerSettings();
        if (m is null)
        {
            return s;
        }

        s = new ServerSettings
        {
            Bug = m.Enum("bug", ModeNames.Bugs) ?? s.Bug,
            KeepAlive = m.Choice("keepAlive", t => KeepAliveMode.TryParse(t, out var k, out var err) ? (true, k, "") : (false, k, err)) ?? s.KeepAlive,
            MaxFds = m.Int("maxFds", ScenarioDefaults.MinMaxFds, 1 << 20) ?? s.MaxFds,
            Stack = m.Enum("stack", ModeNames.Stacks),
            SlowCloseDelay = m.Duration("slowClose", TimeSpan.Zero, ScenarioDefaults.MaxSlowCloseDelay) ?? s.SlowCloseDelay,
        };
        m.RejectUnknownKeys();
        return s;
    }

    private static LoadSettings ReadLoad(YamlMapping? m)
    {
        var d = new LoadSettings();
        if (m is null)
        {
            return d;
        }

        var http = m.Choice("http", t => t is "1.0" or "1.1" ? (true, t, "") : (false, t, $"'{t}' is not an HTTP version (\"1.0\" or \"1.1\")"));
        var l = new LoadSettings
        {
            Connection = m.Enum("connection", Connections) ?? d.Connection,
            Http = http ?? d.Http,
            Model = m.Enum("model", Models) ?? d.Model,
            Rate = m.Int("rate", 1, ScenarioDefaults.MaxRate) ?? d.Rate,
            Concurrency = m.Int("concurrency", 1, ScenarioDefaults.MaxConcurrency) ?? d.Concurrency,
            Duration = m.Duration("duration", TimeSpan.FromMilliseconds(100), ScenarioDefaults.MaxDuration) ?? d.Duration,
            MaxRequests = m.Int("maxRequests", 1, ScenarioDefaults.MaxRequests) ?? d.MaxRequests,
            Timeout = m.Duration("timeout", TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5)) ?? d.Timeout,
            Path = m.Choice("path", t => t.StartsWith('/') && !t.Any(char.IsWhiteSpace) ? (true, t, "") : (false, t, $"'{t}' is not a request path (starts with /, no spaces)")) ?? d.Path,
            MaxInFlight = m.Int("maxInFlight", 1, LoadDefaults.MaxInFlight) ?? d.MaxInFlight,
            Pipeline = m.Int("pipeline", 1, LoadDefaults.MaxPipelineDepth) ?? d.Pipeline,
            AbandonAfter = m.Duration("abandonAfter", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5)) ?? d.AbandonAfter,
            Hold = m.Duration("hold", TimeSpan.Zero, ScenarioDefaults.MaxDuration) ?? d.Hold,
            StopAfterExhaustion = m.Duration("stopAfterExhaustion", TimeSpan.Zero, ScenarioDefaults.MaxDuration) ?? d.StopAfterExhaustion,
        };
        var stages = ReadStages(m);
        if (stages.Count > 0 && l.Model != LoadModelKind.Rate)
        {
            throw new ScenarioException($"{m.File}: load.stages: only the rate model has stages (model: rate)");
        }

        if (stages.Count > 0)
        {
            // Stages say how long the ramp lasts; an explicit duration still cuts it short.
            var total = stages.Aggregate(TimeSpan.Zero, (sum, st) => sum + st.Duration);
            l = l with { Stages = stages, Duration = m.Has("duration") ? TimeSpan.FromTicks(Math.Min(l.Duration.Ticks, total.Ticks)) : total };
        }

        m.RejectUnknownKeys();
        return l;
    }

    private static List<RateStage> ReadStages(YamlMapping m)
    {
        var items = m.MappingList("stages");
        if (items is null)
        {
            return [];
        }

        if (items.Count > LoadDefaults.MaxStages)
        {
            throw new ScenarioException($"{m.File}: load.stages: {items.Count} stages, at most {LoadDefaults.MaxStages}");
        }

        var stages = new List<RateStage>(items.Count);
        var total = TimeSpan.Zero;
        foreach (var item in items)
        {
            var duration = item.Duration("duration", TimeSpan.FromMilliseconds(100), ScenarioDefaults.MaxDuration)
                ?? throw item.Missing("duration", "every stage has a duration, e.g. 2s");
            var rate = item.Int("rate", 1, ScenarioDefaults.MaxRate) ?? throw item.Missing("rate", "every stage has a target rate");
            item.RejectUnknownKeys();
            total += duration;
            stages.Add(new RateStage { Duration = duration, Rate = rate });
        }

        if (total > ScenarioDefaults.MaxDuration)
        {
            throw new ScenarioException($"{m.File}: load.stages: they last {DurationText.Format(total)}, longer than {DurationText.Format(ScenarioDefaults.MaxDuration)}");
        }

        return stages;
    }

    private static SampleSettings ReadSample(YamlMapping? m)
    {
        var d = new SampleSettings();
        if (m is null)
        {
            return d;
        }

        var s = new SampleSettings
        {
            Interval = m.Duration("interval", ScenarioDefaults.MinSampleInterval, TimeSpan.FromSeconds(10)) ?? d.Interval,
            Drain = m.Duration("drain", TimeSpan.Zero, ScenarioDefaults.MaxDrain) ?? d.Drain,
        };
        m.RejectUnknownKeys();
        return s;
    }

    private static ExpectSettings ReadExpect(YamlMapping? m)
    {
        if (m is null)
        {
            return new ExpectSettings();
        }

        var e = new ExpectSettings
        {
            Diagnosis = m.Choice("diagnosis", t => DiagnosisKinds.All.Contains(t)
                ? (true, t, "")
                : (false, t, $"'{t}' is not a diagnosis kind ({string.Join(", ", DiagnosisKinds.All)})")),
            Exhaustion = m.Bool("exhaustion"),
            MaxCloseWait = m.Int("maxCloseWait", 0, int.MaxValue),
            MaxTimeWait = m.Int("maxTimeWait", 0, int.MaxValue),
            MaxFdGrowth = m.Int("maxFdGrowth", 0, int.MaxValue),
            MinSuccessRatio = m.Double("minSuccessRatio", 0, 1),
            MaxP99Ms = m.Double("maxP99Ms", 0, 3_600_000),
        };
        m.RejectUnknownKeys();
        return e;
    }
}
