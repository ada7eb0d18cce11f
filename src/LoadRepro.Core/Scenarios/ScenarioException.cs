namespace LoadRepro.Core.Scenarios;

/// <summary>A scenario that cannot be used, with where it went wrong (file, line, key) in the message.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public ScenarioException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public ScenarioException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ScenarioException()
    {
    }
}
