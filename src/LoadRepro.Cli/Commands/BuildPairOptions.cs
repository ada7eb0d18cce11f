using System.CommandLine;

namespace LoadRepro.Cli.Commands;

/// <summary>
/// <c>--server-cmd-a</c> and <c>--server-cmd-b</c> on compare: one load on two builds of the user's server ("does my fix
/// hold?"), each started for its own run and stopped after it, as <c>run --server-cmd</c> does.
/// </summary>
public sealed class BuildPairOptions
{
    private BuildPairOptions()
    {
    }

    /// <summary><c>--server-cmd-a "COMMAND"</c>: starts A, the build judged first (e.g. the one with the bug).</summary>
    public Option<string?> CommandA { get; } = new("--server-cmd-a")
    {
        Description = "With --server-cmd-b and one scenario: compare two builds of your server under one load. This command starts A (e.g. the build with the bug) for A's run; stopped after it.",
    };

    /// <summary><c>--server-cmd-b "COMMAND"</c>: starts B, the candidate (e.g. the fix), judged against its gates.</summary>
    public Option<string?> CommandB { get; } = new("--server-cmd-b")
    {
        Description = "With --server-cmd-a: this command starts B (the candidate, e.g. the fix) for B's run; B is judged against the scenario's gates and --expect.",
    };

    /// <summary>Creates the options.</summary>
    public static BuildPairOptions Create() => new();

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(CommandA);
        command.Options.Add(CommandB);
    }

    /// <summary>True when either option was given.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(CommandA) is not null || parse.GetValue(CommandB) is not null;

    /// <summary>The two commands, each with its option's name; null when neither was given.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="oneServer">The <c>--server-cmd</c> option, which starts one server for both runs instead.</param>
    /// <param name="scenarios">How many scenarios (or run directories) the command line names.</param>
    /// <exception cref="UserFacingException">The options do not fit together (exit 2).</exception>
    public (ServerCommandLine A, ServerCommandLine B)? Read(ParseResult parse, Option<string?> oneServer, int scenarios)
    {
        var (a, b) = (parse.GetValue(CommandA), parse.GetValue(CommandB));
        if (a is null && b is null)
        {
            return null;
        }

        if (a is null || b is null)
        {
            var (given, missing) = a is null ? (CommandB.Name, CommandA.Name) : (CommandA.Name, CommandB.Name);
            throw new UserFacingException($"{given} needs {missing}: the two builds of your server to compare under one load");
        }

        if (parse.GetValue(oneServer) is not null)
        {
            throw new UserFacingException($"{oneServer.Name} starts one server for both runs, {CommandA.Name}/{CommandB.Name} one build for each: give one of them");
        }

        return scenarios == 1
            ? (new ServerCommandLine(CommandA.Name, a), new ServerCommandLine(CommandB.Name, b))
            : throw new UserFacingException($"{CommandA.Name}/{CommandB.Name} compare two builds under one load: give one scenario (compare SCENARIO --target URL {CommandA.Name} A {CommandB.Name} B)");
    }
}
