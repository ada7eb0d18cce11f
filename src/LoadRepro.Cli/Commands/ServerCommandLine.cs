namespace LoadRepro.Cli.Commands;

/// <summary>A shell command that starts the user's server, and the option that gave it, for the one-line errors that name it.</summary>
/// <param name="Option">The option, e.g. <c>--server-cmd</c> or <c>--server-cmd-b</c>.</param>
/// <param name="Text">The command line; null when the option was not given.</param>
public sealed record ServerCommandLine(string Option, string? Text);
