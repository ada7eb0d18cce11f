using System.Text.Json.Serialization;

namespace LoadRepro.Server.Control;

/// <summary>The control endpoint's JSON, generated at compile time, camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ServerStatus))]
[JsonSerializable(typeof(ControlError))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
