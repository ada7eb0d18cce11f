using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>Makes the strategy a scenario's <c>load.connection</c> names.</summary>
public static class RequestStrategies
{
    /// <summary>The strategy for <paramref name="settings"/>; idle-hold keeps its connections in <paramref name="held"/>.</summary>
    public static IRequestStrategy Create(LoadSettings settings, LoadTarget target, LoadMetrics metrics, HeldConnections held) => settings.Connection switch
    {
        ConnectionKind.KeepAlive => new KeepAliveStrategy(target, settings.Http, settings.Timeout, settings.Concurrency, settings.Pipeline, metrics),
        ConnectionKind.HalfClose => new HalfCloseStrategy(target, settings.Http, settings.Timeout, metrics),
        ConnectionKind.Abandon => new AbandonStrategy(target, settings.Http, settings.Timeout, settings.AbandonAfter, metrics),
        ConnectionKind.Rst => new AbortiveCloseStrategy(target, settings.Http, settings.Timeout, metrics),
        ConnectionKind.IdleHold => new IdleHoldStrategy(target, settings.Http, settings.Timeout, settings.Hold, held, metrics),
        ConnectionKind.HttpClientPerRequest => new HttpClientPerRequestStrategy(target, settings.Http, settings.Timeout, metrics),
        ConnectionKind.HttpClientShared => new HttpClientSharedStrategy(target, settings.Http, settings.Timeout, LoadDefaults.PooledConnectionLifetime, metrics),
        _ => new ShortConnectionStrategy(target, settings.Http, settings.Timeout, metrics),
    };
}
