using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace LoadRepro.IntegrationTests.Deployment;

/// <summary>
/// What the real compose run (<see cref="ComposeRunTests"/>) cannot show: the build from source on the official images
/// (no registry is reachable here), and the file's promises checked against the files it names.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Root = Path.GetDirectoryName(LoadReproCli.ScenariosFolder)!;
    private readonly YamlMappingNode _services;

    public ComposeFileTests()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        _services = Map((YamlMappingNode)yaml.Documents[0].RootNode, "services");
    }

    [Fact]
    public void Services_AreTheServerTheLoadRunnerTheAgentAndPrometheus()
    {
        Assert.Equal(["agent", "load", "prometheus", "server"], _services.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Server_BuildsFromSourceOnTheOfficialImagesByDefault_WhoseSourcesExist()
    {
        var build = Map(Service("server"), "build");
        var context = Path.GetFullPath(Path.Combine(Root, Scalar(build, "context")));
        Assert.True(Directory.Exists(context), $"build context {context} does not exist");
        Assert.Equal("${LOADREPRO_DOCKERFILE:-Dockerfile}", Scalar(build, "dockerfile"));
        var dockerfile = File.ReadAllLines(Path.Combine(context, "Dockerfile"));
        Assert.Contains("ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0", dockerfile);
        Assert.Contains("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0", dockerfile);
        Assert.Contains("FROM ${SDK_IMAGE} AS build", dockerfile);
        Assert.Contains("FROM ${RUNTIME_IMAGE} AS runtime", dockerfile);
        var copies = dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var source in copies.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]))
        {
            Assert.True(File.Exists(Path.Combine(context, source)) || Directory.Exists(Path.Combine(context, source)), $"COPY source {source} does not exist");
        }

        Assert.Contains(dockerfile, l => l.Contains("dotnet publish src/LoadRepro.Cli/LoadRepro.Cli.csproj", StringComparison.Ordinal) && l.Contains("--self-contained", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Root, "src/LoadRepro.Cli/LoadRepro.Cli.csproj")));
    }

    [Fact]
    public void BothDockerfiles_MakeTheSameImage_FromSourceOrFromAPublishedFolder()
    {
        static string[] Tail(string file) => File.ReadAllLines(Path.Combine(Root, file))
            .Where(l => l.StartsWith("ENV ", StringComparison.Ordinal) || l.StartsWith("VOLUME ", StringComparison.Ordinal) || l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal) || l.StartsWith("CMD ", StringComparison.Ordinal) || l.StartsWith("COPY scenarios/", StringComparison.Ordinal))
            .ToArray();

        Assert.Equal(Tail("Dockerfile"), Tail("deploy/published.Dockerfile"));
        Assert.NotEmpty(Tail("Dockerfile"));
    }

    [Fact]
    public void Server_DescriptorLimit_IsLowAndHard_SoEmfileIsReached()
    {
        var nofile = Map(Map(Service("server"), "ulimits"), "nofile");
        var soft = int.Parse(Scalar(nofile, "soft"), System.Globalization.CultureInfo.InvariantCulture);
        var hard = int.Parse(Scalar(nofile, "hard"), System.Globalization.CultureInfo.InvariantCulture);

        // The runtime raises its soft limit to the hard one at start: a low soft limit alone would not hold.
        Assert.Equal(soft, hard);
        Assert.InRange(hard, 256, 4096);
    }

    [Fact]
    public void EveryService_StaysOnTheHostsLoopback_AndTheLoadRunnerSharesTheServersPids()
    {
        foreach (var name in new[] { "server", "load", "agent", "prometheus" })
        {
            Assert.Equal("host", Scalar(Service(name), "network_mode"));
            Assert.False(Service(name).Children.ContainsKey(new YamlScalarNode("ports")), $"{name} publishes a port");
        }

        var load = Service("load");
        Assert.Equal("service:server", Scalar(load, "pid"));
        Assert.Equal(Scalar(Service("server"), "image"), Scalar(load, "image"));
        var command = Sequence(load, "command");
        Assert.Equal("run", command[0]);
        Assert.StartsWith("http://127.0.0.1:", command[command.IndexOf("--target") + 1], StringComparison.Ordinal);
        var outDir = command[command.IndexOf("--out") + 1];
        Assert.Contains(Sequence(load, "volumes"), v => v.EndsWith(":" + outDir, StringComparison.Ordinal) && v.StartsWith("./reports:", StringComparison.Ordinal));
        Assert.True(Directory.Exists(Path.Combine(Root, "reports")));
        var scenario = command[1];
        Assert.True(File.Exists(Path.Combine(Root, "scenarios", scenario + ".yaml")), $"scenario {scenario} is not in the catalogue");
    }

    [Fact]
    public void Prometheus_IsOptional_AndScrapesThePortTheServerExposes()
    {
        var prometheus = Service("prometheus");
        Assert.Equal(["metrics"], Sequence(prometheus, "profiles"));
        Assert.Contains("--web.listen-address=127.0.0.1:9090", Sequence(prometheus, "command"));
        var config = Sequence(prometheus, "volumes").Single().Split(':')[0];
        var text = File.ReadAllText(Path.Combine(Root, config));
        var metricsPort = Scalar(Map(Service("server"), "environment"), "LOADREPRO_METRICS_PORT");
        var targets = ScrapeTarget().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(metricsPort, targets);
        var agent = Sequence(Service("agent"), "command");
        Assert.Contains(agent[agent.IndexOf("--listen") + 1].Split(':')[1], targets);
        Assert.Equal(["metrics"], Sequence(Service("agent"), "profiles"));
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode map ? map : throw new KeyNotFoundException($"no mapping '{key}'");

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode s ? s.Value ?? "" : throw new KeyNotFoundException($"no scalar '{key}'");

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode seq
            ? seq.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList()
            : throw new KeyNotFoundException($"no sequence '{key}'");

    private YamlMappingNode Service(string name) => Map(_services, name);

    [GeneratedRegex(@"targets: \[""127\.0\.0\.1:(\d+)""\]")]
    private static partial Regex ScrapeTarget();
}
