using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Engine;

namespace LoadRepro.Pipeline.Loads;

/// <summary>The load in a child inside a network namespace (the lab's client side), so every client socket lives there.</summary>
/// <param name="Namespace">The namespace.</param>
public sealed record NamespaceLoad(string Namespace) : ILoadPlacement
{
    /// <inheritdoc />
    public ILoadExecution Start(LoadSettings load, LoadTarget target, string runDirectory) =>
        LoadChild.Start(
            Namespace,
            new LabLoadRequest { Load = load, Address = target.EndPoint.Address.ToString(), Port = target.EndPoint.Port, Tls = target.Tls },
            Path.Combine(runDirectory, "lab-load.json"),
            Path.Combine(runDirectory, "lab-client.json"));
}
