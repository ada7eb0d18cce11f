namespace LoadRepro.Cli.Commands;

/// <summary>
/// How <c>run</c> and <c>compare</c> name a scenario: <c>NAME</c>, a file, or <c>NAME@PROFILE</c> for the scenario in the lab
/// under that sysctl profile. A file that exists is taken whole, even with an <c>@</c> in its path.
/// </summary>
public static class ScenarioReference
{
    /// <summary>The scenario part and, after the last <c>@</c>, the profile; null when none is named.</summary>
    public static (string Scenario, string? Profile) Split(string reference)
    {
        var at = File.Exists(reference) ? -1 : reference.LastIndexOf('@');
        return at > 0 ? (reference[..at], reference[(at + 1)..]) : (reference, null);
    }
}
