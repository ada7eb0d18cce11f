namespace LoadRepro.Core.Scenarios;

/// <summary>Defaults and bounds of scenario settings, in one place.</summary>
public static class ScenarioDefaults
{
    /// <summary>Server soft descriptor limit: 1024, the usual default of a login shell.</summary>
    public const int MaxFds = 1024;

    /// <summary>The lowest descriptor limit accepted: below it the runtime cannot start.</summary>
    public const int MinMaxFds = 64;

    /// <summary>Arrivals per second.</summary>
    public const int Rate = 500;

    /// <summary>The highest rate accepted.</summary>
    public const int MaxRate = 200_000;

    /// <summary>Workers or connections.</summary>
    public const int Concurrency = 16;

    /// <summary>The most workers or connections accepted.</summary>
    public const int MaxConcurrency = 20_000;

    /// <summary>The most requests one run may start.</summary>
    public const int MaxRequests = 1_000_000;

    /// <summary>For the slow-close bug: seconds between the peer's FIN and the server's close.</summary>
    public static readonly TimeSpan SlowCloseDelay = TimeSpan.FromSeconds(5);

    /// <summary>The longest slow-close delay accepted.</summary>
    public static readonly TimeSpan MaxSlowCloseDelay = TimeSpan.FromMinutes(10);

    /// <summary>Load duration.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    /// <summary>The longest load accepted, so every run stops by itself.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    /// <summary>Per-request timeout.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Sampling interval.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The shortest sampling interval accepted.</summary>
    public static readonly TimeSpan MinSampleInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Sampling after the load stops.</summary>
    public static readonly TimeSpan Drain = TimeSpan.FromSeconds(3);

    /// <summary>The longest drain accepted.</summary>
    public static readonly TimeSpan MaxDrain = TimeSpan.FromMinutes(5);
}
