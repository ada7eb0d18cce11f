using LoadRepro.Core.Scenarios;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Catalogue;

/// <summary>The shipped catalogue: every file valid, every suite and profile resolvable, and every non-lab scenario's gates holding in a short run.</summary>
public sealed class CatalogueTests
{
    /// <summary>The shipped catalogue (docs/ARCHITECTURE.md, "Scenario catalogue"), with the loopback half of the port-exhaustion pair.</summary>
    private static readonly string[] Designed =
    [
        "close-wait-leak", "close-wait-fixed", "close-wait-one-path", "hang-handler", "hang-handler-fixed", "http10-short", "http11-keepalive", "http10-saturate", "http11-saturate", "client-closes-first",
        "fd-leak-file", "idle-no-timeout", "idle-timeout", "httpclient-per-request", "httpclient-shared", "port-exhaustion", "port-exhaustion-loopback",
        "https-short", "https-keepalive",
    ];

    private static ScenarioCatalog Catalog => new(LoadReproCli.ScenariosFolder);

    public static TheoryData<string> NonLabScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var (name, scenario, _) in Catalog.List())
        {
            if (scenario is { Lab: false })
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Fact]
    public void EveryDesignedScenario_IsShipped_Valid_Described_AndGated()
    {
        var all = Catalog.List().ToDictionary(s => s.Name);

        foreach (var name in Designed)
        {
            Assert.True(all.TryGetValue(name, out var entry), $"{name}.yaml is missing");
            Assert.True(entry.Scenario is not null, entry.Error);
            Assert.Equal(name, entry.Scenario.Name);
            Assert.False(string.IsNullOrWhiteSpace(entry.Scenario.Description), $"{name} has no description");
            Assert.DoesNotContain('\n', entry.Scenario.Description);
            Assert.False(entry.Scenario.Expect.IsEmpty, $"{name} has no expect: gates");
            Assert.NotNull(entry.Scenario.Expect.Diagnosis);
        }

        Assert.All(all.Values, s => Assert.True(s.Scenario is not null, s.Error));
    }

    [Fact]
    public void EveryScenario_FinishesWellUnder30Seconds_ByItsOwnBounds()
    {
        foreach (var (name, s, _) in Catalog.List())
        {
            var bound = s!.Load.Duration + s.Load.Timeout + s.Sample.Drain;
            Assert.True(bound <= TimeSpan.FromSeconds(15), $"{name}: load, timeout and drain add up to {bound.TotalSeconds} s");
        }
    }

    [Fact]
    public void EverySuite_PairsScenariosOfTheCatalogue()
    {
        var names = Catalog.List().Select(s => s.Name).ToHashSet();
        var suites = Directory.GetFiles(Path.Combine(LoadReproCli.ScenariosFolder, "suites"), "*.yaml");
        var profiles = Directory.GetFiles(Path.Combine(LoadReproCli.ScenariosFolder, "profiles"), "*.yaml").Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.NotEmpty(suites);
        var pairs = new List<(string, string)>();
        foreach (var file in suites)
        {
            var suite = ScenarioSuiteParser.ParseFile(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), suite.Name);
            foreach (var (a, b) in suite.Pairs)
            {
                // NAME@PROFILE: the scenario under a sysctl profile, which must exist too.
                foreach (var side in new[] { a, b })
                {
                    var parts = side.Split('@');
                    Assert.Contains(parts[0], names);
                    Assert.True(parts.Length == 1 || profiles.Contains(parts[1]), $"{Path.GetFileName(file)}: {side} names no profile of scenarios/profiles/");
                }

                pairs.Add((a, b));
            }
        }

        foreach (var pair in new[]
        {
            ("close-wait-leak", "close-wait-fixed"), ("hang-handler", "hang-handler-fixed"), ("http10-short", "http11-keepalive"), ("http10-saturate", "http11-saturate"), ("idle-no-timeout", "idle-timeout"),
            ("httpclient-per-request", "httpclient-shared"), ("http10-short@kernel-default", "http10-short@blog-advice"),
        })
        {
            Assert.Contains(pair, pairs);
        }
    }

    [Fact]
    public void EveryProfile_Parses_AndTheDesignedOnesExist()
    {
        var folder = Path.Combine(LoadReproCli.ScenariosFolder, "profiles");
        var profiles = Directory.GetFiles(folder, "*.yaml").Select(SysctlProfileParser.ParseFile).ToDictionary(p => p.Name);

        Assert.Equal(["blog-advice", "kernel-default", "short-port-range", "tw-reuse-0"], profiles.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(profiles["kernel-default"].Sysctls);
        Assert.Contains(new KeyValuePair<string, string>("net.ipv4.tcp_tw_recycle", "1"), profiles["blog-advice"].Sysctls);
        Assert.Equal(8, profiles["blog-advice"].Sysctls.Count);
        Assert.Contains(new KeyValuePair<string, string>("net.ipv4.ip_local_port_range", "40000 40999"), profiles["short-port-range"].Sysctls);
        Assert.Contains(new KeyValuePair<string, string>("net.ipv4.tcp_tw_reuse", "0"), profiles["tw-reuse-0"].Sysctls);
    }

    [Fact]
    public async Task List_PrintsEveryScenario_WithWhetherItNeedsTheLab()
    {
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "list");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in Designed)
        {
            var line = Assert.Single(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.Equal(name.StartsWith("port-exhaustion", StringComparison.Ordinal), line.EndsWith("(needs --lab)", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(NonLabScenarios))]
    public async Task NonLabScenario_HoldsItsGates_InItsOwnRun(string name)
    {
        using var reports = new TempFolder();

        // Each scenario runs the load its gates are sized for (5-6 s, bounded above): a 2 s cut made gates that need the
        // longer load depend on the machine's speed (idle-timeout was diagnosed established-leak at 2 s in a soak).
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(90), "run", name, "--out", reports.Path);

        Assert.True(result.ExitCode == 0, $"{name}: exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
    }
}
