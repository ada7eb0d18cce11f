using LoadRepro.Core.Gates;
using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Segments;
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

        var overridden = s with
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
        return Segment(overridden, o.Segment);
    }

    // The i-th of n shares of the load, after the overrides (a --rate given with --segment is the whole, then shared).
    private static ScenarioDefinition Segment(ScenarioDefinition s, string? segment)
    {
        if (segment is null)
        {
            return s;
        }

        try
        {
            return LoadSegment.Parse(segment).Apply(s);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
        }
    }
}
