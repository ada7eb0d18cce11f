namespace LoadRepro.Core.Judgement;

/// <summary>The stories a comparison tells, each with its own verdict.</summary>
public static class ComparisonStories
{
    /// <summary>A leaks (or reaches EMFILE); B is the fix: does it hold?</summary>
    public const string Fix = "fix";

    /// <summary>Short connections against keep-alive: sockets, TIME_WAIT, throughput, latency.</summary>
    public const string KeepAlive = "keep-alive";

    /// <summary>The same scenario in the lab under two sysctl profiles: which settings changed anything measurable.</summary>
    public const string Sysctl = "sysctl";

    /// <summary>Any other pair: what changed.</summary>
    public const string General = "general";
}
