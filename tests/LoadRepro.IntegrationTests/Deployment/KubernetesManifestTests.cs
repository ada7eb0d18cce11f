using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LoadRepro.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace LoadRepro.IntegrationTests.Deployment;

/// <summary>
/// deploy/k8s/ without a cluster: the manifests parsed as YAML and held to what the README promises. The load Job is
/// Indexed and its shell turns each completion index into the right <c>--segment</c> (run by sh here, with the CLI
/// replaced by echo); n agrees everywhere; the agent runs beside the server with its port; every loadrepro container
/// runs a real command with options that command has, on the image the Dockerfile builds.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string Root = Path.GetDirectoryName(LoadReproCli.ScenariosFolder)!;
    private static readonly string Folder = Path.Combine(Root, "deploy", "k8s");

    [Fact]
    public async Task LoadJob_IsIndexed_AndEachCompletionIndexRunsItsOwnSegmentOfTheSameN()
    {
        var job = Single("load-job.yaml", "Job");
        var spec = Map(job, "spec");
        Assert.Equal("Indexed", Scalar(spec, "completionMode"));
        var n = int.Parse(Scalar(spec, "completions"), CultureInfo.InvariantCulture);
        Assert.Equal(n, int.Parse(Scalar(spec, "parallelism"), CultureInfo.InvariantCulture));
        Assert.True(n >= 2, $"a load split in {n}");
        var container = Container(job, "load");

        var segments = new List<string>();
        for (var index = 0; index < n; index++)
        {
            var args = await ShellArgsAsync(container, index);
            Assert.Equal("run", args[0]);
            segments.Add(OptionValue(args, "--segment"));
            Assert.Equal($"/reports/segments/{index + 1}", OptionValue(args, "--out"));
        }

        Assert.Equal(Enumerable.Range(1, n).Select(i => $"{i}/{n}"), segments);
    }

    [Fact]
    public async Task LoadJob_TargetsTheServiceAndItsAgent_WithTheAgentsToken_AndOptionsRunHas()
    {
        var args = await ShellArgsAsync(Container(Single("load-job.yaml", "Job"), "load"), 0);
        var service = Single("target.yaml", "Service");
        var name = Scalar(Map(service, "metadata"), "name");
        var ports = Sequence(Map(service, "spec"), "ports").Cast<YamlMappingNode>().ToDictionary(p => Scalar(p, "name"), p => Scalar(p, "port"));

        Assert.Equal($"http://{name}:{ports["http"]}/", OptionValue(args, "--target"));
        Assert.Equal($"http://{name}:{ports["agent"]}", OptionValue(args, "--agent"));
        Assert.Contains("--allow-remote-target", args);
        Assert.True(File.Exists(Path.Combine(LoadReproCli.ScenariosFolder, args[1] + ".yaml")), $"no scenario {args[1]}");
        Assert.Equal("loadrepro-agent", TokenSecret(Container(Single("load-job.yaml", "Job"), "load")));

        var help = await HelpAsync("run");
        foreach (var option in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Target_RunsTheAgentBesideTheServer_OnTheServersPort_WithItsOwnPortServed()
    {
        var deployment = Single("target.yaml", "Deployment");
        var pod = Map(Map(deployment, "spec"), "template");
        Assert.Equal("true", Scalar(Map(pod, "spec"), "shareProcessNamespace"));
        var server = Container(deployment, "server");
        var agent = Container(deployment, "agent");
        var args = Sequence(agent, "args").Select(a => a.ToString()).ToList();

        Assert.Equal("agent", args[0]);
        Assert.Equal(ContainerPort(server, "http"), OptionValue(args, "--target-port"));
        Assert.Equal($"0.0.0.0:{ContainerPort(agent, "agent")}", OptionValue(args, "--listen"));
        Assert.Contains("--allow-remote", args);
        Assert.Equal("loadrepro-agent", TokenSecret(agent));
        Assert.Equal("loadrepro-agent", Scalar(Map(Single("target.yaml", "Secret"), "metadata"), "name"));
        var help = await HelpAsync("agent");
        foreach (var option in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }

        var servicePorts = Sequence(Map(Single("target.yaml", "Service"), "spec"), "ports").Cast<YamlMappingNode>().ToList();
        Assert.Contains(servicePorts, p => Scalar(p, "targetPort") == "agent");
        Assert.Contains(servicePorts, p => Scalar(p, "targetPort") == "http");
    }

    [Fact]
    public async Task MergeJob_MergesWhatTheLoadJobWrote_OnTheSameVolume_WithTheImageTheDockerfileBuilds()
    {
        var merge = Container(Single("merge-job.yaml", "Job"), "merge");
        var script = Sequence(merge, "args").Single().ToString();
        Assert.Matches(MergeLine(), script);
        Assert.Contains("merge", (await HelpAsync(null)).Split('\n').Select(l => l.Trim().Split(' ')[0]));

        var claim = Scalar(Map(Single("reports-pvc.yaml", "PersistentVolumeClaim"), "metadata"), "name");
        var compose = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml")))
        {
            compose.Load(reader);
        }

        var image = Scalar(Map(Map((YamlMappingNode)compose.Documents[0].RootNode, "services"), "server"), "image");
        foreach (var (file, kind, name) in new[] { ("load-job.yaml", "Job", "load"), ("merge-job.yaml", "Job", "merge"), ("target.yaml", "Deployment", "agent") })
        {
            var workload = Single(file, kind);
            var container = Container(workload, name);
            Assert.Equal(image, Scalar(container, "image"));
            if (kind == "Job")
            {
                var volume = Sequence(Map(Map(Map(workload, "spec"), "template"), "spec"), "volumes").Cast<YamlMappingNode>().Single();
                Assert.Equal(claim, Scalar(Map(volume, "persistentVolumeClaim"), "claimName"));
                Assert.Equal("/reports", Scalar(Sequence(container, "volumeMounts").Cast<YamlMappingNode>().Single(), "mountPath"));
            }
        }
    }

    /// <summary>What the container's shell runs for <paramref name="index"/>, with /app/loadrepro replaced by a printer of its arguments.</summary>
    private static async Task<List<string>> ShellArgsAsync(YamlMappingNode container, int index)
    {
        Assert.Equal(["/bin/sh", "-c"], Sequence(container, "command").Select(c => c.ToString()));
        var script = Sequence(container, "args").Single().ToString();
        Assert.Contains("exec /app/loadrepro ", script, StringComparison.Ordinal);
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script.Replace("exec /app/loadrepro ", "exec printf '%s\\n' ", StringComparison.Ordinal));
        info.Environment["JOB_COMPLETION_INDEX"] = index.ToString(CultureInfo.InvariantCulture);
        using var sh = Process.Start(info)!;
        var output = await sh.StandardOutput.ReadToEndAsync();
        await sh.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.True(sh.ExitCode == 0, await sh.StandardError.ReadToEndAsync());
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static async Task<string> HelpAsync(string? command)
    {
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), command is null ? ["--help"] : [command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        return result.Stdout;
    }

    private static string OptionValue(List<string> args, string option)
    {
        var at = args.IndexOf(option);
        Assert.True(at >= 0 && at + 1 < args.Count, $"no {option} VALUE in: {string.Join(' ', args)}");
        return args[at + 1];
    }

    private static string TokenSecret(YamlMappingNode container)
    {
        var env = Sequence(container, "env").Cast<YamlMappingNode>().Single(e => Scalar(e, "name") == "LOADREPRO_AGENT_TOKEN");
        return Scalar(Map(Map(env, "valueFrom"), "secretKeyRef"), "name");
    }

    private static string ContainerPort(YamlMappingNode container, string name) =>
        Scalar(Sequence(container, "ports").Cast<YamlMappingNode>().Single(p => Scalar(p, "name") == name), "containerPort");

    private static YamlMappingNode Container(YamlMappingNode workload, string name) =>
        Sequence(Map(Map(Map(workload, "spec"), "template"), "spec"), "containers").Cast<YamlMappingNode>().Single(c => Scalar(c, "name") == name);

    private static YamlMappingNode Single(string file, string kind)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, file));
        yaml.Load(reader);
        return yaml.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => Scalar(d, "kind") == kind);
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    [GeneratedRegex(@"^exec /app/loadrepro merge /reports/segments/\*/\* --out /reports/merged$")]
    private static partial Regex MergeLine();
}
