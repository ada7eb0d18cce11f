namespace LoadRepro.Core.Scenarios;

/// <summary>Defaults and bounds of the connection-strategy settings of <c>load:</c>, in one place.</summary>
public static class LoadDefaults
{
    /// <summary>Requests sent back to back on a keep-alive connection before their answers are read: 1 (no pipelining).</summary>
    public const int PipelineDepth = 1;

    /// <summary>The deepest pipeline accepted.</summary>
    public const int MaxPipelineDepth = 256;

    /// <summary>The most stages of a ramped rate.</summary>
    public const int MaxStages = 100;

    /// <summary>How long an <c>abandon</c> client waits before it closes without reading: 1 s.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(1);

    /// <summary>How long <c>idle-hold</c> keeps each connection open and idle after its one request: 10 s.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(10);

    /// <summary>How long the shared HttpClient's handler keeps a pooled connection before it opens a new one: 2 min.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>The fewest requests in flight the rate model allows by default.</summary>
    public const int MinInFlight = 64;

    /// <summary>The most requests in flight the rate model allows.</summary>
    public const int MaxInFlight = 50_000;
}
