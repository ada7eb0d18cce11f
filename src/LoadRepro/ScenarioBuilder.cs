using System.Globalization;
using System.Text;
using LoadRepro.Core.Modes;

namespace LoadRepro;

/// <summary>
/// Builds a <see cref="Scenario"/> in code, key by key as a scenario file spells it (see the README's scenario keys), and
/// reads it with the same parser as a file: the same validation and defaults, and a scenario equal to the file with the same
/// settings. Every method returns the builder; <see cref="Build"/> validates.
/// </summary>
/// <example>
/// <code>
/// var scenario = new ScenarioBuilder("my-leak-check")
///     .Connection("short").Http("1.1").Rate(200).Duration(TimeSpan.FromSeconds(4))
///     .ExpectDiagnosis("healthy").ExpectMaxFdGrowth(100)
///     .Build();
/// </code>
/// </example>
public sealed class ScenarioBuilder
{
    private readonly string _name;
    private readonly List<(string Key, string Value)> _top = [];
    private readonly List<(string Key, string Value)> _server = [];
    private readonly List<(string Key, string Value)> _load = [];
    private readonly List<(string Key, string Value)> _sample = [];
    private readonly List<(string Key, string Value)> _expect = [];

    /// <summary>Starts a scenario named <paramref name="name"/> (it names the run's report directory).</summary>
    public ScenarioBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>One line saying what the scenario shows (<c>description</c>).</summary>
    public ScenarioBuilder Description(string text) => Set(_top, "description", Quote(text));

    /// <summary>The embedded test server's bug (<c>server.bug</c>): <c>none</c> (default), <c>ignore-peer-fin</c>, <c>hang-handler</c>, <c>leak-file</c>, ... as <c>loadrepro server --help</c> lists them.</summary>
    public ScenarioBuilder ServerBug(string bug) => Set(_server, "bug", Quote(bug));

    /// <summary>The embedded test server's keep-alive (<c>server.keepAlive</c>): <c>on</c> (default), <c>off</c>, or <c>timeout=5s</c>.</summary>
    public ScenarioBuilder ServerKeepAlive(string mode) => Set(_server, "keepAlive", Quote(mode));

    /// <summary>The server's soft descriptor limit (<c>server.maxFds</c>, default 1024).</summary>
    public ScenarioBuilder MaxFds(int limit) => Set(_server, "maxFds", Number(limit));

    /// <summary>
    /// How the client uses connections (<c>load.connection</c>): <c>short</c> (default: one request per connection, the client
    /// closes), <c>keep-alive</c>, <c>half-close</c>, <c>abandon</c>, <c>rst</c>, <c>idle-hold</c>, <c>httpclient-per-request</c>, <c>httpclient-shared</c>.
    /// </summary>
    public ScenarioBuilder Connection(string strategy) => Set(_load, "connection", Quote(strategy));

    /// <summary>The HTTP version the client speaks (<c>load.http</c>): <c>1.1</c> (default) or <c>1.0</c>.</summary>
    public ScenarioBuilder Http(string version) => Set(_load, "http", Quote(version));

    /// <summary>The open model at <paramref name="perSecond"/> arrivals a second (<c>load.model: rate</c>, <c>load.rate</c>).</summary>
    public ScenarioBuilder Rate(int perSecond) => Set(_load, "model", Quote("rate")).Set(_load, "rate", Number(perSecond));

    /// <summary>The closed model with <paramref name="workers"/> workers (<c>load.model: concurrency</c>, <c>load.concurrency</c>).</summary>
    public ScenarioBuilder Concurrency(int workers) => Set(_load, "model", Quote("concurrency")).Set(_load, "concurrency", Number(workers));

    /// <summary>How long the load runs (<c>load.duration</c>).</summary>
    public ScenarioBuilder Duration(TimeSpan duration) => Set(_load, "duration", Quote(DurationText.Format(duration)));

    /// <summary>The most requests the load makes (<c>load.maxRequests</c>).</summary>
    public ScenarioBuilder MaxRequests(int count) => Set(_load, "maxRequests", Number(count));

    /// <summary>How long one request may take (<c>load.timeout</c>).</summary>
    public ScenarioBuilder RequestTimeout(TimeSpan timeout) => Set(_load, "timeout", Quote(DurationText.Format(timeout)));

    /// <summary>The request's path (<c>load.path</c>, default <c>/</c>).</summary>
    public ScenarioBuilder Path(string path) => Set(_load, "path", Quote(path));

    /// <summary>Stops the load this long after the server reaches its descriptor limit (<c>load.stopAfterExhaustion</c>).</summary>
    public ScenarioBuilder StopAfterExhaustion(TimeSpan grace) => Set(_load, "stopAfterExhaustion", Quote(DurationText.Format(grace)));

    /// <summary>How often the server is sampled (<c>sample.interval</c>, default 100 ms).</summary>
    public ScenarioBuilder SampleInterval(TimeSpan interval) => Set(_sample, "interval", Quote(DurationText.Format(interval)));

    /// <summary>How long sampling goes on after the load stops (<c>sample.drain</c>).</summary>
    public ScenarioBuilder Drain(TimeSpan drain) => Set(_sample, "drain", Quote(DurationText.Format(drain)));

    /// <summary>Gate: the diagnosis (<c>expect.diagnosis</c>), e.g. <c>healthy</c> or <c>close-wait-leak</c>.</summary>
    public ScenarioBuilder ExpectDiagnosis(string kind) => Set(_expect, "diagnosis", Quote(kind));

    /// <summary>Gate: whether the server reaches its descriptor limit (<c>expect.exhaustion</c>).</summary>
    public ScenarioBuilder ExpectExhaustion(bool reached) => Set(_expect, "exhaustion", reached ? "true" : "false");

    /// <summary>Gate: the most CLOSE_WAIT sockets on the server's port above its baseline (<c>expect.maxCloseWait</c>).</summary>
    public ScenarioBuilder ExpectMaxCloseWait(int count) => Set(_expect, "maxCloseWait", Number(count));

    /// <summary>Gate: the most TIME_WAIT sockets above the baseline (<c>expect.maxTimeWait</c>).</summary>
    public ScenarioBuilder ExpectMaxTimeWait(int count) => Set(_expect, "maxTimeWait", Number(count));

    /// <summary>Gate: the most the server's descriptors may grow above its baseline (<c>expect.maxFdGrowth</c>).</summary>
    public ScenarioBuilder ExpectMaxFdGrowth(int count) => Set(_expect, "maxFdGrowth", Number(count));

    /// <summary>Gate: the least share of requests answered, 0 to 1 (<c>expect.minSuccessRatio</c>).</summary>
    public ScenarioBuilder ExpectMinSuccessRatio(double ratio) => Set(_expect, "minSuccessRatio", ratio.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Gate: the highest 99th-percentile latency in milliseconds (<c>expect.maxP99Ms</c>).</summary>
    public ScenarioBuilder ExpectMaxP99Ms(double milliseconds) => Set(_expect, "maxP99Ms", milliseconds.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>The scenario, validated as a scenario file is.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or unknown; the message names its key.</exception>
    public Scenario Build() => Scenario.Parse(ToYaml(), $"scenario built in code ({_name})");

    /// <summary>The scenario as a scenario file would hold it.</summary>
    public string ToYaml()
    {
        var yaml = new StringBuilder().Append("name: ").AppendLine(Quote(_name));
        foreach (var (key, value) in _top)
        {
            yaml.Append(key).Append(": ").AppendLine(value);
        }

        foreach (var (section, pairs) in new[] { ("server", _server), ("load", _load), ("sample", _sample), ("expect", _expect) })
        {
            if (pairs.Count > 0)
            {
                yaml.Append(section).Append(": { ").AppendJoin(", ", pairs.Select(p => $"{p.Key}: {p.Value}")).AppendLine(" }");
            }
        }

        return yaml.ToString();
    }

    private ScenarioBuilder Set(List<(string Key, string Value)> section, string key, string value)
    {
        section.RemoveAll(p => p.Key == key);
        section.Add((key, value));
        return this;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
