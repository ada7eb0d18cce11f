using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Formats;

/// <summary>A comparison as far as it got: both runs and the comparison, or, when it was interrupted, the runs measured until then.</summary>
/// <param name="Directory">The comparison's directory.</param>
/// <param name="A">The baseline run (interrupted when the comparison was stopped during it).</param>
/// <param name="B">The candidate run; null when the comparison was stopped before it started.</param>
/// <param name="Comparison">The comparison's record; null when a run was interrupted, so nothing was compared.</param>
public sealed record ComparedPair(string Directory, RunResult A, RunResult? B, ComparisonRecord? Comparison);
