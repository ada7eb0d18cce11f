using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Servers;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.Pipeline.Samples;

/// <summary>
/// Reads, after the drain, the server-side sockets still in CLOSE_WAIT or ESTABLISHED on the port under test (netlink
/// sock_diag in the server's namespace) and matches each to the request whose connection it was, by its peer port. Only
/// 4-tuples are needed, so it works against the user's own server too.
/// </summary>
public static class LeakReading
{
    /// <summary>The attribution; null when the load did not say which request used which port or the server's sockets cannot be read.</summary>
    public static LeakAttribution? Read(ITargetProcess server, LoadOutcome load)
    {
        if (load.KindsByPort is not { } byPort || load.Client.Requests is not { } kinds || server.SampledPids.Count == 0)
        {
            return null;
        }

        using var diag = SockDiagTcp.TryOpen(server.SampledPids[0], out _);
        var left = new List<LeftSocket>();
        return diag is not null && diag.TryListServerSide(server.Port, left)
            ? LeakAttributor.Attribute(left, port => port >= 0 && port < byPort.Length ? byPort[port] - 1 : -1, kinds)
            : null;
    }
}
