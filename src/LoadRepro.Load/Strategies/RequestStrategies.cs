using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Metrics;

namespace LoadRepro.Load.Strategies;

/// <summary>Makes the strategy a scenario's <c>load.connection</c> names.</summary>
public static class RequestStrategies
{
    /// <summary>The strategy for <paramref name="settings"/>.</summary>
    /// <exception cref="NotSupportedException">The connection strategy is not built yet.</exception>
    public static IRequestStrategy Create(LoadSettings settings, LoadTarget target, LoadMetrics metrics) => settings.Connection switch
    {
        ConnectionKind.Short => new ShortConnectionStrategy(target, settings.Http, settings.Timeout, metrics),
        _ => throw new NotSupportedException($"connection '{ScenarioParser.Name(settings.Connection)}' is not supported yet"),
    };
}
