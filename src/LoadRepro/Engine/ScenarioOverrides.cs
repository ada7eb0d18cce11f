using LoadRepro.Core.Gates;
using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline;

namespace LoadRepro.Engine;

/// <summary>A run's overrides applied to its scenario: load model and size, descriptor limit, drain, gates.</summary>
internal static class ScenarioOverrides
{
    /// <summary>The scenario with <paramref name="o"/> applied.</summary>
    /// <exception cref="UserFacingException">Both a rate and a concurrency, or a malformed gate (exit 2).</exception>
    public static ScenarioDefinition Apply(ScenarioDefinition s, RunOptions o)
    {
        if (o.Rate is not null && o.Concurrency is not null)
        {
            throw new UserFacingException("--rate and --concurrency choose different load models: give one of them");
        }

        ExpectSettings expect;
        try
        {
            expect = ExpectOverrides.Apply(s.Expect, o.Expect);
        }
        catch (ScenarioException e)
        {
            throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
        }

        return s with
        {
            Server = s.Server with { MaxFds = o.MaxFds ?? s.Server.MaxFds },
            Load = s.Load with
            {
                Duration = o.Duration ?? s.Load.Duration,
                Rate = o.Rate ?? s.Load.Rate,
                Concurrency = o.Concurrency ?? s.Load.Concurrency,
                Model = o.Rate is not null ? LoadModelKind.Rate : o.Concurrency is not null ? LoadModelKind.Concurrency : s.Load.Model,
            },
            Sample = s.Sample with { Drain = o.Drain ?? s.Sample.Drain },
            Expect = expect,
        };
    }
}
