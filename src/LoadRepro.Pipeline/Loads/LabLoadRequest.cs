using System.Text.Json;
using System.Text.Json.Serialization;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Pipeline.Loads;

/// <summary>What the load child in the client namespace runs: the scenario's load settings and the server's address. Passed as a JSON file.</summary>
public sealed record LabLoadRequest
{
    /// <summary>The options both sides read and write the request and the client summary with.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(KebabNames.Policy) },
    };

    /// <summary>The load settings, with the command line's overrides applied.</summary>
    public required LoadSettings Load { get; init; }

    /// <summary>The server's address as seen from the client namespace.</summary>
    public required string Address { get; init; }

    /// <summary>The server's port.</summary>
    public required int Port { get; init; }

    /// <summary>How the load speaks TLS to the server; null for plain HTTP.</summary>
    public LoadRepro.Load.Engine.TlsTarget? Tls { get; init; }
}
