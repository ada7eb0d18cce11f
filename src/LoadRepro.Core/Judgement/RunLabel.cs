using LoadRepro.Core.Records;

namespace LoadRepro.Core.Judgement;

/// <summary>How a comparison names a run: the scenario, and for a lab run <c>@PROFILE</c>, so two profiles of one scenario are told apart.</summary>
public static class RunLabel
{
    /// <summary>The label of <paramref name="run"/>, e.g. <c>http10-short@blog-advice</c>.</summary>
    public static string Of(RunRecord run) => run.Lab is { } lab ? $"{run.Scenario}@{lab.Profile}" : run.Scenario;
}
