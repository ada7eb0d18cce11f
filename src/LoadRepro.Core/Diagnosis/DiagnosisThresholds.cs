namespace LoadRepro.Core.Diagnosis;

/// <summary>The numbers behind the diagnosis rules, in one place.</summary>
public static class DiagnosisThresholds
{
    /// <summary>Fewer sockets or descriptors than this are noise (a few in flight at any time).</summary>
    public const int MinPile = 10;

    /// <summary>A pile that keeps at least this share of its peak after the drain did not drain.</summary>
    public const double KeptShare = 0.8;

    /// <summary>A pile that has not shrunk for this long after the load stopped has stopped draining.</summary>
    public const double StallSeconds = 1.0;

    /// <summary>TIME_WAIT of 100 or more is worth explaining.</summary>
    public const int NotableTimeWait = 100;

    /// <summary>TIME_WAIT lasts 60 s on Linux (TCP_TIMEWAIT_LEN, fixed in the kernel, not a sysctl).</summary>
    public const double TimeWaitSeconds = 60;
}
