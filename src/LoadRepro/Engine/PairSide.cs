using LoadRepro.Core.Records;
using LoadRepro.Pipeline;

namespace LoadRepro.Engine;

/// <summary>One side of a comparison: a run to make now (its plan) or a run already on disk.</summary>
/// <param name="Name">The side's name in the comparison's directory name.</param>
/// <param name="Plan">The run to make; null for a stored run.</param>
/// <param name="Stored">The run on disk; null for a run to make.</param>
internal sealed record PairSide(string Name, RunPlan? Plan, RunResult? Stored);
