namespace LoadRepro.Reports.Sysctls;

/// <summary>What a sysctl acts on, in the kernel's terms, and the figures of a run it can move.</summary>
/// <param name="Acts">When and on what it acts, as a clause: "it ..." reads on.</param>
/// <param name="Figures">The figures it can move; a change of it that moves none of them changed nothing measurable.</param>
public sealed record SysctlEffect(string Acts, IReadOnlyList<WatchedFigure> Figures);
