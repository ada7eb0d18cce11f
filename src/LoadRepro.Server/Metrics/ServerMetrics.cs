using LoadRepro.Core.Platform;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Transport;
using Prometheus;

namespace LoadRepro.Server.Metrics;

/// <summary>
/// The server's own figures as Prometheus series, in a registry of the server's (prometheus-net), read fresh at each
/// scrape. The descriptor series take the names Prometheus's client libraries give them (<c>process_open_fds</c>,
/// <c>process_max_fds</c>), so dashboards made for any process work on this one.
/// </summary>
public sealed class ServerMetrics
{
    private readonly Gauge _openFds;
    private readonly Gauge _maxFds;
    private readonly Gauge _leaked;
    private readonly Counter _acceptFailures;

    /// <summary>Registers the series; each scrape reads the leak registry, the accept-failure counts and /proc/self/fd.</summary>
    public ServerMetrics(LeakedConnectionRegistry leaked, AcceptFailureLog acceptFailures)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _openFds = factory.CreateGauge("process_open_fds", "Number of open file descriptors of the server process.");
        _maxFds = factory.CreateGauge("process_max_fds", "Soft limit on open file descriptors (RLIMIT_NOFILE) of the server process.");
        _leaked = factory.CreateGauge("loadrepro_server_leaked_connections", "Connections the switched-on bug holds open after the peer closed (CLOSE_WAIT on this side).");
        _acceptFailures = factory.CreateCounter("loadrepro_server_accept_failures_total", "Failed accept() calls of the port under test, by errno.", "errno");
        Registry.AddBeforeCollectCallback(() => Read(leaked, acceptFailures));
    }

    /// <summary>The registry a scrape exports.</summary>
    public CollectorRegistry Registry { get; }

    private void Read(LeakedConnectionRegistry leaked, AcceptFailureLog acceptFailures)
    {
        _maxFds.Set(Linux.GetFileLimit().Soft);
        try
        {
            _openFds.Set(Directory.GetFileSystemEntries("/proc/self/fd").Length);
            _openFds.Publish();
        }
        catch (IOException)
        {
            // At EMFILE even listing /proc/self/fd fails: leaving the series out is the honest answer, not a stale value.
            _openFds.Unpublish();
        }

        _leaked.Set(leaked.Count);
        foreach (var (errno, count) in acceptFailures.Totals)
        {
            _acceptFailures.WithLabels(errno).IncTo(count);
        }
    }
}
