using System.Globalization;
using System.Text;
using LoadRepro.Core.Platform;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Transport;

namespace LoadRepro.Server.Metrics;

/// <summary>
/// The server's own figures in the Prometheus text exposition format, written by hand: four series do not justify a
/// client library. Each read is cheap and needs at most one descriptor (the listing of /proc/self/fd).
/// </summary>
public sealed class ServerMetricsText
{
    private readonly LeakedConnectionRegistry _leaked;
    private readonly AcceptFailureLog _acceptFailures;

    /// <summary>Reads from the server's leak registry and accept-failure counts.</summary>
    public ServerMetricsText(LeakedConnectionRegistry leaked, AcceptFailureLog acceptFailures)
    {
        _leaked = leaked;
        _acceptFailures = acceptFailures;
    }

    /// <summary>Renders every series.</summary>
    public string Render()
    {
        var sb = new StringBuilder(1024);
        var (soft, _) = Linux.GetFileLimit();
        Series(sb, "loadrepro_server_max_fds", "gauge", "Soft RLIMIT_NOFILE of the server process.", soft);
        try
        {
            Series(sb, "loadrepro_server_open_fds", "gauge", "Descriptors the server process holds open.", Directory.GetFileSystemEntries("/proc/self/fd").Length);
        }
        catch (IOException)
        {
            // At EMFILE even listing /proc/self/fd fails: leaving the series out is the honest answer.
        }

        Series(sb, "loadrepro_server_leaked_connections", "gauge", "Connections the bug holds open after the peer closed (CLOSE_WAIT on this side).", _leaked.Count);
        sb.Append("# HELP loadrepro_server_accept_failures_total Failed accept() calls, by errno.\n# TYPE loadrepro_server_accept_failures_total counter\n");
        foreach (var (errno, count) in _acceptFailures.Totals.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"loadrepro_server_accept_failures_total{{errno=\"{errno}\"}} {count}\n");
        }

        return sb.ToString();
    }

    private static void Series(StringBuilder sb, string name, string type, string help, long value) =>
        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
}
