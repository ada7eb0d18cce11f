namespace LoadRepro.Core.Judgement;

/// <summary>The stories a comparison tells, each with its own verdict; compare.json names them in kebab-case.</summary>
public enum ComparisonStory
{
    /// <summary>A leaks (or reaches EMFILE); B is the fix: does it hold?</summary>
    Fix,

    /// <summary>Short connections against keep-alive: sockets, TIME_WAIT, throughput, latency.</summary>
    KeepAlive,

    /// <summary>The same scenario in the lab under two sysctl profiles: which settings changed anything measurable.</summary>
    Sysctl,

    /// <summary>Any other pair: what changed.</summary>
    General,
}
