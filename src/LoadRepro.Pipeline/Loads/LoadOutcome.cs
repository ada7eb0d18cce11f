using LoadRepro.Core.Records;

namespace LoadRepro.Pipeline.Loads;

/// <summary>What a load measured: the client summary, its per-second rows (<c>client.csv</c>), and a problem worth saying.</summary>
/// <param name="Client">The client summary.</param>
/// <param name="Seconds">One row per second of load.</param>
/// <param name="Problem">Why the summary is empty (the load child wrote none), else null.</param>
public sealed record LoadOutcome(ClientSummary Client, IReadOnlyList<ClientSecond> Seconds, string? Problem = null);
