namespace LoadRepro.Engine;

/// <summary>One run asked for, by the API's caller or the command line: the scenario, where its server is, the overrides.</summary>
/// <param name="Scenario">The scenario as loaded or built.</param>
/// <param name="Target">Where the server is.</param>
/// <param name="Options">Overrides and placement.</param>
internal sealed record RunRequest(Scenario Scenario, RunTarget Target, RunOptions Options);
