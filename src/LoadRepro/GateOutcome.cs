namespace LoadRepro;

/// <summary>One gate of a run: what the scenario expected, what was measured, whether it held.</summary>
/// <param name="Name">The gate's key, e.g. <c>maxFdGrowth</c> or <c>diagnosis</c>.</param>
/// <param name="Expected">The limit or value expected, as the scenario says it (e.g. <c>125</c>, <c>healthy</c>).</param>
/// <param name="Measured">What the run measured (e.g. <c>1007</c>, <c>close-wait-leak</c>).</param>
/// <param name="Passed">Whether the gate held.</param>
public sealed record GateOutcome(string Name, string Expected, string Measured, bool Passed)
{
    /// <summary>The gate in one line: <c>maxFdGrowth: expected 125, measured 1007 (failed)</c>.</summary>
    public override string ToString() => $"{Name}: expected {Expected}, measured {Measured} ({(Passed ? "held" : "failed")})";
}
