using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Connections;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>Makes the strategy a scenario's <c>load.connection</c> names.</summary>
public static class RequestStrategies
{
    /// <summary>The strategy for <paramref name="settings"/>, sending the kinds of <paramref name="mix"/>; idle-hold keeps its connections in <paramref name="held"/>.</summary>
    /// <exception cref="NotSupportedException">The connection kind cannot run over TLS and the target speaks it (<see cref="ScenarioParser.TlsProblem"/>).</exception>
    public static IRequestStrategy Create(LoadSettings settings, LoadTarget target, RequestMix mix, LoadMetrics metrics, HeldConnections held) =>
        target.Tls is not null && ScenarioParser.TlsProblem(settings.Connection) is { } problem
            ? throw new NotSupportedException(problem)
            : Make(settings, target, mix, metrics, held);

    private static IRequestStrategy Make(LoadSettings settings, LoadTarget target, RequestMix mix, LoadMetrics metrics, HeldConnections held) => settings.Connection switch
    {
        ConnectionKind.KeepAlive => new KeepAliveStrategy(target, mix, settings.Http, settings.Timeout, settings.Concurrency, settings.Pipeline, metrics),
        ConnectionKind.HalfClose => new HalfCloseStrategy(target, mix, settings.Http, settings.Timeout, metrics),
        ConnectionKind.Abandon => new AbandonStrategy(target, mix, settings.Http, settings.Timeout, settings.AbandonAfter, metrics),
        ConnectionKind.Rst => new AbortiveCloseStrategy(target, mix, settings.Http, settings.Timeout, metrics),
        ConnectionKind.IdleHold => new IdleHoldStrategy(target, mix, settings.Http, settings.Timeout, settings.Hold, held, metrics),
        ConnectionKind.HttpClientPerRequest => new HttpClientPerRequestStrategy(new HttpClientConnector(target, mix, metrics), settings.Http, settings.Timeout),
        ConnectionKind.HttpClientShared => new HttpClientSharedStrategy(new HttpClientConnector(target, mix, metrics), settings.Http, settings.Timeout, LoadDefaults.PooledConnectionLifetime),
        _ => new ShortConnectionStrategy(target, mix, settings.Http, settings.Timeout, metrics),
    };
}
