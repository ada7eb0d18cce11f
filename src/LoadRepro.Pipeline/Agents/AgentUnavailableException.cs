namespace LoadRepro.Pipeline.Agents;

/// <summary>The agent could not give what a run asked: unreachable, silent, refusing the token, or answering something else.</summary>
public sealed class AgentUnavailableException : Exception
{
    /// <summary>Creates the exception; <paramref name="refusedToken"/> when the agent answered 401.</summary>
    public AgentUnavailableException(string message, bool refusedToken = false, Exception? inner = null)
        : base(message, inner) => RefusedToken = refusedToken;

    /// <summary>Creates the exception.</summary>
    public AgentUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AgentUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AgentUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>True when the agent answered 401 to the token sent (or to none).</summary>
    public bool RefusedToken { get; }
}
