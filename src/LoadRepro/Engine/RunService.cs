using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline;
using LoadRepro.Pipeline.Lab;

namespace LoadRepro.Engine;

/// <summary>
/// The one way the API and the command line run a scenario: apply the overrides, choose the site (this host with the
/// embedded or the user's server, or the lab), then the run pipeline.
/// </summary>
internal static class RunService
{
    /// <summary>The run <paramref name="request"/> asks for, every check made before anything runs.</summary>
    /// <exception cref="UserFacingException">The request does not fit together (exit 2) or its server cannot be reached (exit 3).</exception>
    public static async Task<RunPlan> PlanAsync(RunRequest request, CancellationToken ct)
    {
        var catalog = ProgramLocation.Catalog();
        var (target, options) = (request.Target, request.Options);
        var s = ScenarioOverrides.Apply(request.Scenario.Definition, options);
        var inLab = s.Lab || options.Lab;
        if (!inLab && options.Profile is not null)
        {
            throw new UserFacingException("--profile sets the lab's sysctls: add --lab");
        }

        if (target.Agent is not null)
        {
            AgentResolver.Check(target, inLab);
        }

        if (inLab && target.Url is not null)
        {
            throw new UserFacingException("--target loads your own server where it runs; the lab starts the embedded server in a namespace of its own: give one of them");
        }

        TargetResolver.RefuseOverTls(target, s.Load.Connection);
        IRunSite site;
        if (target.Agent is not null)
        {
            var (remote, samples) = await AgentResolver.ResolveAsync(target, s.Sample.Interval, ct);
            site = new HostSite(remote, samples);
        }
        else
        {
            site = inLab
                ? new LabSite(s.LabNetwork, SysctlProfiles.Resolve(catalog, options.Profile ?? s.Profile ?? SysctlProfileParser.DefaultName), target.Port)
                : new HostSite(await TargetResolver.ResolveAsync(target, s.Server.MaxFds, ct));
        }

        return new RunPlan { Scenario = s, ReportsFolder = options.ReportsFolder ?? Path.Combine(catalog.ProjectRoot, "reports"), Site = site };
    }

    /// <summary>Runs <paramref name="plan"/> through the pipeline; <paramref name="observer"/> hears it go; cancelling <paramref name="ct"/> interrupts it (a partial record is still written).</summary>
    public static Task<RunResult> ExecuteAsync(RunPlan plan, IRunObserver observer, CancellationToken ct) =>
        new RunPipeline(observer).RunAsync(plan, ct);
}
