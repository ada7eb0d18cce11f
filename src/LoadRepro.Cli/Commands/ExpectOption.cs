using System.CommandLine;
using LoadRepro.Core.Gates;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Cli.Commands;

/// <summary><c>--expect key=value</c>, repeatable: gates added to or overriding the scenario's <c>expect:</c>.</summary>
public static class ExpectOption
{
    /// <summary>Builds the option.</summary>
    public static Option<string[]> Create() => new("--expect")
    {
        Description = $"A gate, key=value, repeatable; adds to or overrides the scenario's expect: ({string.Join(", ", ExpectOverrides.Keys)}). A failed gate makes the exit code 1.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The scenario's gates with the command line's applied.</summary>
    /// <exception cref="UserFacingException">A gate is malformed (exit 2).</exception>
    public static ExpectSettings Apply(ExpectSettings expect, IEnumerable<string>? pairs)
    {
        try
        {
            return ExpectOverrides.Apply(expect, pairs ?? []);
        }
        catch (ScenarioException e)
        {
            throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
        }
    }
}
