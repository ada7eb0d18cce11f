namespace LoadRepro.Pipeline;

/// <summary>A failure the user can act on: its message is printed as one line, and it carries the exit code.</summary>
public sealed class UserFacingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UserFacingException(string message, int exitCode)
        : base(message) => ExitCode = exitCode;

    /// <summary>Creates the exception with its cause.</summary>
    public UserFacingException(string message, int exitCode, Exception inner)
        : base(message, inner) => ExitCode = exitCode;

    /// <summary>Creates the exception as bad input.</summary>
    public UserFacingException()
        : base("bad input") => ExitCode = ExitCodes.BadInput;

    /// <summary>Creates the exception as bad input.</summary>
    public UserFacingException(string message)
        : base(message) => ExitCode = ExitCodes.BadInput;

    /// <summary>Creates the exception as bad input, with its cause.</summary>
    public UserFacingException(string message, Exception inner)
        : base(message, inner) => ExitCode = ExitCodes.BadInput;

    /// <summary>The exit code to end with.</summary>
    public int ExitCode { get; }
}
