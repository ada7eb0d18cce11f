namespace LoadRepro.Core.Records;

/// <summary>
/// Which requests' connections the server left behind (<c>leaks</c> in summary.json): every server-side socket still in
/// CLOSE_WAIT, or ESTABLISHED, after the drain, matched by its 4-tuple (its peer port is the client's local port) to the
/// kind of request whose connection came from that port.
/// </summary>
public sealed record LeakAttribution
{
    /// <summary>One line per kind of request, in the scenario's order.</summary>
    public required IReadOnlyList<RequestLeak> Requests { get; init; }

    /// <summary>Sockets left whose client port no request of this run opened (another client, or a port reused since).</summary>
    public int Unmatched { get; init; }

    /// <summary>Whether it tells more than "one kind, nothing left": a mix, or a socket left.</summary>
    public bool IsWorthSaying() => Requests.Count > 1 || Unmatched > 0 || Requests.Any(r => r.Left > 0);

    /// <summary>In words, the leaking kinds first, e.g. "POST /upload: 412 of 412 connections left in CLOSE_WAIT; GET /health: 0 of 3,688".</summary>
    public required string Summary { get; init; }
}
