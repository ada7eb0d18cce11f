using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>Matches the server-side sockets left after the drain to the kinds of request whose connections they were.</summary>
public static class LeakAttributor
{
    /// <summary>
    /// Counts each socket of <paramref name="left"/> (CLOSE_WAIT or ESTABLISHED; others are ignored) against the kind
    /// <paramref name="kindOfPort"/> gives for its client port (-1: none of this run's).
    /// </summary>
    public static LeakAttribution Attribute(IReadOnlyList<LeftSocket> left, Func<int, int> kindOfPort, IReadOnlyList<RequestKindSummary> kinds)
    {
        var closeWait = new int[kinds.Count];
        var established = new int[kinds.Count];
        var unmatched = 0;
        foreach (var socket in left.Where(s => s.State is TcpStates.CloseWait or TcpStates.Established))
        {
            var kind = kindOfPort(socket.ClientPort);
            if (kind < 0 || kind >= kinds.Count)
            {
                unmatched++;
            }
            else if (socket.State == TcpStates.CloseWait)
            {
                closeWait[kind]++;
            }
            else
            {
                established[kind]++;
            }
        }

        var requests = kinds.Select((k, i) => new RequestLeak
        {
            Request = k.Name,
            Connections = k.ConnectionsOpened,
            CloseWait = closeWait[i],
            Established = established[i],
        }).ToList();
        return new LeakAttribution { Requests = requests, Unmatched = unmatched, Summary = Words(requests, unmatched) };
    }

    private static string Words(IReadOnlyList<RequestLeak> requests, int unmatched)
    {
        var parts = requests.OrderByDescending(r => r.Left > 0).ThenByDescending(r => r.Left).Select(r => r.Left == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Request}: 0 of {r.Connections:N0}")
            : string.Create(CultureInfo.InvariantCulture, $"{r.Request}: {r.Left:N0} of {r.Connections:N0} connections left in {States(r)}"));
        var text = string.Join("; ", parts);
        return unmatched == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text}; {unmatched:N0} left from ports no request of this run opened");
    }

    private static string States(RequestLeak r) => (r.CloseWait, r.Established) switch
    {
        (> 0, 0) => "CLOSE_WAIT",
        (0, > 0) => "ESTABLISHED",
        _ => string.Create(CultureInfo.InvariantCulture, $"CLOSE_WAIT ({r.CloseWait:N0}) or ESTABLISHED ({r.Established:N0})"),
    };
}
