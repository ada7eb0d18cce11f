namespace LoadRepro.Core.Judgement;

/// <summary>One sysctl that differs between two lab runs, and whether changing it changed anything measurable.</summary>
public sealed record SettingChange
{
    /// <summary>The dotted name, e.g. <c>net.ipv4.tcp_fin_timeout</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The value in force in A (<c>server X, client Y</c> when the namespaces differ; <c>absent</c> when the kernel lacks it).</summary>
    public required string A { get; init; }

    /// <summary>The value in force in B, written as <see cref="A"/> is.</summary>
    public required string B { get; init; }

    /// <summary>What A's profile asked for; null when it did not set it.</summary>
    public string? RequestedA { get; init; }

    /// <summary>What B's profile asked for; null when it did not set it.</summary>
    public string? RequestedB { get; init; }

    /// <summary>False when the setting is in force in neither run (this kernel has no such setting), so nothing was changed.</summary>
    public required bool Applied { get; init; }

    /// <summary>True when a figure the setting can move moved by more than run-to-run noise.</summary>
    public required bool Measurable { get; init; }

    /// <summary>The figures it can move that moved, with both values, e.g. <c>connects failed with EADDRNOTAVAIL 0 → 1497</c>.</summary>
    public IReadOnlyList<string> Moved { get; init; } = [];

    /// <summary>The finding in one or two sentences: the change, what moved or did not, and what the setting acts on.</summary>
    public required string Text { get; init; }
}
