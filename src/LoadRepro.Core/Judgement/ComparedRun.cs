using LoadRepro.Core.Diagnosis;

namespace LoadRepro.Core.Judgement;

/// <summary>One side of a comparison, in brief.</summary>
public sealed record ComparedRun
{
    /// <summary>The scenario's name; <c>NAME@PROFILE</c> for a lab run, so two profiles of one scenario are told apart.</summary>
    public required string Scenario { get; init; }

    /// <summary>The run's directory, relative to the comparison's when it lies inside it.</summary>
    public required string Directory { get; init; }

    /// <summary>Its diagnosis kind.</summary>
    public required DiagnosisKind Diagnosis { get; init; }

    /// <summary>Its verdict in a few words.</summary>
    public required string Headline { get; init; }

    /// <summary>Its load in words.</summary>
    public required string Load { get; init; }

    /// <summary>The shell command that started the user's server for this run (<c>--server-cmd</c>); null, and left out of compare.json, otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Command { get; init; }

    /// <summary>Whether its own gates held.</summary>
    public bool Passed { get; init; }

    /// <summary>The connections its server left after the drain, by request (<see cref="Records.LeakAttribution.Summary"/>); null when not attributed.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Leaks { get; init; }
}
