using LoadRepro.Core.Records;

namespace LoadRepro.Core.Judgement;

/// <summary>What <c>compare.json</c> holds: both runs in brief, each key figure with its change, the verdict and the gates.</summary>
public sealed record ComparisonRecord
{
    /// <summary>The schema this code writes.</summary>
    public const string CurrentSchema = "loadrepro.compare/1";

    /// <summary>The schema of this record.</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>The first run (the baseline, e.g. the buggy build or HTTP/1.0 short connections).</summary>
    public required ComparedRun A { get; init; }

    /// <summary>The second run (the candidate, e.g. the fix or HTTP/1.1 keep-alive).</summary>
    public required ComparedRun B { get; init; }

    /// <summary>Which story the pair tells.</summary>
    public required ComparisonStory Story { get; init; }

    /// <summary>The verdict in words, and whether it holds.</summary>
    public required ComparisonVerdict Verdict { get; init; }

    /// <summary>Each key figure of A and B with the change.</summary>
    public required IReadOnlyList<ComparisonFigure> Figures { get; init; }

    /// <summary>The sysctls that differ between the runs' labs, each with whether it changed anything measurable; empty outside the sysctl story.</summary>
    public IReadOnlyList<SettingChange> Settings { get; init; } = [];

    /// <summary>The gates of both runs (named "A …"/"B …") and the comparison's own.</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>True when every gate held.</summary>
    public bool Passed { get; init; }
}
