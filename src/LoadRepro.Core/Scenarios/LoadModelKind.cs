namespace LoadRepro.Core.Scenarios;

/// <summary>The load model (<c>load.model</c>).</summary>
public enum LoadModelKind
{
    /// <summary>Open model: arrivals per second, whatever the server's speed.</summary>
    Rate,

    /// <summary>Closed model: N workers back to back.</summary>
    Concurrency,
}
