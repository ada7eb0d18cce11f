namespace LoadRepro.Load.Strategies;

/// <summary>One way of using connections to make one request (the strategies of <c>load.connection</c>).</summary>
public interface IRequestStrategy : IAsyncDisposable
{
    /// <summary>Makes one request; records its outcome in the run's metrics. Never throws except on cancellation of the run.</summary>
    /// <param name="worker">The worker's number, for strategies that keep a connection per worker.</param>
    /// <param name="intendedStart">When the request was meant to start (<see cref="System.Diagnostics.Stopwatch"/> timestamp): latency counts from here.</param>
    /// <param name="ct">The run's token.</param>
    ValueTask ExecuteAsync(int worker, long intendedStart, CancellationToken ct);
}
