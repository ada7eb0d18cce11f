namespace LoadRepro.Pipeline;

/// <summary>The exit codes of every command (README.md, "Commands").</summary>
public static class ExitCodes
{
    /// <summary>Ran, and every gate held.</summary>
    public const int Passed = 0;

    /// <summary>Ran, and a gate failed.</summary>
    public const int GateFailed = 1;

    /// <summary>Bad usage or input.</summary>
    public const int BadInput = 2;

    /// <summary>Environment problem: port busy, not root for --lab, target unreachable.</summary>
    public const int Environment = 3;

    /// <summary>An unexpected failure inside the harness (a bug of ours): reported as one line.</summary>
    public const int Internal = 70;

    /// <summary>Interrupted (Ctrl-C or SIGTERM); a partial report was written.</summary>
    public const int Interrupted = 130;
}
