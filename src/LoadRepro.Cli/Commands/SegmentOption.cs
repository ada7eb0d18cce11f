using System.CommandLine;
using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Segments;

namespace LoadRepro.Cli.Commands;

/// <summary><c>--segment i/n</c>: run the i-th of n shares of the scenario's load.</summary>
public static class SegmentOption
{
    /// <summary>Builds the option.</summary>
    public static Option<LoadSegment?> Create() => new("--segment")
    {
        Description = "Run the i-th of n shares of the load, i/n with i counted from 1 (1/3, 2/3, 3/3): rate, concurrency and maxRequests are split in whole shares that add up to the scenario's (1000 over 3: 334/333/333), so n instances on n hosts make the whole load together; 'loadrepro merge' joins their run directories.",
        CustomParser = r =>
        {
            try
            {
                return LoadSegment.Parse(r.Tokens.Count > 0 ? r.Tokens[0].Value : "");
            }
            catch (FormatException e)
            {
                r.AddError(e.Message);
                return null;
            }
        },
    };

    /// <summary><paramref name="scenario"/> cut to <paramref name="segment"/>'s share, or as it is without one.</summary>
    /// <exception cref="UserFacingException">A share would be 0 (exit 2).</exception>
    public static ScenarioDefinition Apply(ScenarioDefinition scenario, LoadSegment? segment)
    {
        try
        {
            return segment?.Apply(scenario) ?? scenario;
        }
        catch (ArgumentException e)
        {
            throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
        }
    }
}
