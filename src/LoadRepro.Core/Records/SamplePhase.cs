namespace LoadRepro.Core.Records;

/// <summary>What the run was doing when a sample was taken.</summary>
public enum SamplePhase
{
    /// <summary>Before the load started: the baseline.</summary>
    Baseline,

    /// <summary>While the load ran.</summary>
    Load,

    /// <summary>After the load stopped, while sockets drain.</summary>
    Drain,
}
