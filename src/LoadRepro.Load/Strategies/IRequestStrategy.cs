namespace LoadRepro.Load.Strategies;

/// <summary>One way of using connections to make requests (the strategies of <c>load.connection</c>).</summary>
public interface IRequestStrategy : IAsyncDisposable
{
    /// <summary>How many requests one <see cref="ExecuteAsync"/> makes: 1, or the pipeline depth of keep-alive.</summary>
    int RequestsPerExecution { get; }

    /// <summary>Makes <see cref="RequestsPerExecution"/> requests; records their outcome in the run's metrics. Never throws except on cancellation of the run.</summary>
    /// <param name="worker">The worker's number (for logs and strategies that care which worker calls).</param>
    /// <param name="intendedStart">When the request was meant to start (<see cref="System.Diagnostics.Stopwatch"/> timestamp): latency counts from here.</param>
    /// <param name="ct">The run's token.</param>
    ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct);
}
