using System.CommandLine;
using LoadRepro.Cli;
using LoadRepro.Cli.Commands;
using LoadRepro.Cli.Terminal;
using LoadRepro.Pipeline.Processes;

// The harness drives load; the test server (its own command, its own process) keeps the runtime's socket defaults.
if (args is not ["server", ..])
{
    SocketCompletions.Inline();
}

using var interruption = new Interruption();
var root = new RootCommand("LoadRepro: reproduce, explain and gate \"Too many open files\" (EMFILE), TIME_WAIT and CLOSE_WAIT.")
{
    ListCommand.Create(),
    RunCommand.Create(interruption),
    ServerCommand.Create(),
    DoctorCommand.Create(),
    LabCommand.Create(),
    LabLoadCommand.Create(),
    WatchCommand.Create(interruption),
    SoakCommand.Create(interruption),
    ReportCommand.Create(),
    CompareCommand.Create(interruption),
    AgentCommand.Create(interruption),
    MergeCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // An unknown word also yields "Required command was not provided": name the word, it is the real mistake.
    var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
    Console.Error.WriteLine($"loadrepro: {error.Message} (see 'loadrepro --help')");
    return ExitCodes.BadInput;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, interruption.Token);
}
catch (UserFacingException e)
{
    Console.Error.WriteLine($"loadrepro: {e.Message}");
    return e.ExitCode;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // A bug of ours, not the user's: still one line, and the children go with us.
    ChildProcesses.KillAll();
    Console.Error.WriteLine(Environment.GetEnvironmentVariable("LOADREPRO_DEBUG") == "1"
        ? e.ToString()
        : $"loadrepro: unexpected error ({e.GetType().Name}): {e.Message.Split('\n')[0]} (LOADREPRO_DEBUG=1 shows where)");
    return ExitCodes.Internal;
}
