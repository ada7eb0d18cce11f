using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline;

namespace LoadRepro.Engine;

/// <summary>A scenario name or file resolved through the one catalogue (<see cref="ProgramLocation.Catalog"/>).</summary>
internal static class ScenarioResolution
{
    /// <summary>The scenario <paramref name="nameOrFile"/> names.</summary>
    /// <exception cref="UserFacingException">Unknown name, missing or invalid file (exit 2).</exception>
    public static Scenario Resolve(string nameOrFile)
    {
        try
        {
            return new Scenario(ProgramLocation.Catalog().Resolve(nameOrFile));
        }
        catch (ScenarioException e)
        {
            throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
        }
    }
}
