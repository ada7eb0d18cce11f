using System.Text.Json;
using LoadRepro.Core.Scenarios;
using LoadRepro.Engine;

namespace LoadRepro;

/// <summary>
/// A scenario: which server settings to start the embedded test server with, what load to drive, how to sample, what to
/// expect. Load a shipped one or a YAML file with <see cref="Load"/>, or build one in code with <see cref="ScenarioBuilder"/>;
/// both go through the same parser, so the same settings make equal scenarios.
/// </summary>
public sealed class Scenario : IEquatable<Scenario>
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    internal Scenario(ScenarioDefinition definition) => Definition = definition;

    /// <summary>The scenario's name, e.g. <c>close-wait-leak</c>.</summary>
    public string Name => Definition.Name;

    /// <summary>One line saying what the scenario shows.</summary>
    public string Description => Definition.Description;

    /// <summary>The YAML file it was read from; null for a scenario built in code.</summary>
    public string? SourcePath => Definition.SourcePath is { } p && File.Exists(p) ? p : null;

    internal ScenarioDefinition Definition { get; }

    /// <summary>
    /// A shipped scenario by name (<c>close-wait-leak</c>; the package carries <c>scenarios/*.yaml</c>) or a scenario YAML file
    /// by path (anything ending in <c>.yaml</c>/<c>.yml</c> or holding a <c>/</c>).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, missing file, or a file that is not a valid scenario (the message names the file, line and key).</exception>
    public static Scenario Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        return new Scenario(ApiErrors.Guard(() => ProgramLocation.Catalog().Resolve(nameOrPath)));
    }

    /// <summary>A scenario from YAML text, as a scenario file holds it; <paramref name="origin"/> names it in errors.</summary>
    /// <exception cref="ArgumentException">The text is not a valid scenario.</exception>
    public static Scenario Parse(string yaml, string origin = "scenario")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return new Scenario(ApiErrors.Guard(() => ScenarioParser.Parse(yaml, origin)));
    }

    /// <summary>True when both hold the same settings (where each came from does not count).</summary>
    public bool Equals(Scenario? other) => other is not null && CanonicalForm() == other.CanonicalForm();

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Scenario);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalForm());

    /// <summary>Every setting, as JSON (the run shape and the gates); equal scenarios give equal text.</summary>
    public override string ToString() => CanonicalForm();

    private string CanonicalForm() => JsonSerializer.Serialize(Definition with { SourcePath = null }, Canonical);
}
