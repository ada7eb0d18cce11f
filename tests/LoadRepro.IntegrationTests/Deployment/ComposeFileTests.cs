using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace LoadRepro.IntegrationTests.Deployment;

/// <summary>
/// docker-compose.yml cannot be run here (no Docker): its structure is checked instead, against the files it names.
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
    public void Services_AreTheServerTheLoadRunnerAndPrometheus()
    {
        Assert.Equal(["load", "prometheus", "server"], _services.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Server_BuildsFromAMultiStageDockerfileOnTheOfficialImages_WhoseSourcesExist()
    {
        var build = Map(Service("server"), "build");
        var context = Path.GetFullPath(Path.Combine(Root, Scalar(build, "context")));
        Assert.True(Directory.Exists(context), $"build context {context} does not exist");
        var dockerfile = File.ReadAllLines(Path.Combine(context, Scalar(build, "dockerfile")));
        Assert.Contains(dockerfile, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        Assert.Contains(dockerfile, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        var copies = dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var source in copies.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]))
        {
            Assert.True(File.Exists(Path.Combine(context, source)) || Directory.Exists(Path.Combine(context, source)), $"COPY source {source} does not exist");
        }

        Assert.Contains(dockerfile, l => l.Contains("dotnet publish src/LoadRepro.Cli/LoadRepro.Cli.csproj", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Root, "src/LoadRepro.Cli/LoadRepro.Cli.csproj")));
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
    public void LoadRunner_SharesTheServersNamespaces_AndWritesReportsToAVolume()
    {
        var load = Service("load");
        Assert.Equal("service:server", Scalar(load, "network_mode"));
        Assert.Equal("service:server", Scalar(load, "pid"));
        Assert.Equal(Scalar(Service("server"), "image"), Scalar(load, "image"));
        var command = Sequence(load, "command");
        Assert.Equal("run", command[0]);
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
        Assert.Equal("service:server", Scalar(prometheus, "network_mode"));
        var config = Sequence(prometheus, "volumes").Single().Split(':')[0];
        var text = File.ReadAllText(Path.Combine(Root, config));
        var metricsPort = Scalar(Map(Service("server"), "environment"), "LOADREPRO_METRICS_PORT");
        Assert.Matches(ScrapeTarget(), text);
        Assert.Equal(metricsPort, ScrapeTarget().Match(text).Groups[1].Value);
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
