using System.Globalization;

namespace LoadRepro.Server.Hosting;

/// <summary>The one line the server prints on stdout when it accepts connections, and its parsing.</summary>
public static class ReadinessLine
{
    /// <summary>The line's first word.</summary>
    public const string Prefix = "READY";

    /// <summary>Formats the line: <c>READY port=N pid=P bug=B keepAlive=K maxFds=M</c>.</summary>
    public static string Format(int port, int pid, string bug, string keepAlive, long maxFds) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix} port={port} pid={pid} bug={bug} keepAlive={keepAlive} maxFds={maxFds}");

    /// <summary>Reads port and PID from a readiness line; false when the line is not one.</summary>
    public static bool TryParse(string line, out int port, out int pid)
    {
        port = 0;
        pid = 0;
        if (!line.StartsWith(Prefix + " ", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("port=", StringComparison.Ordinal))
            {
                _ = int.TryParse(part.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out port);
            }
            else if (part.StartsWith("pid=", StringComparison.Ordinal))
            {
                _ = int.TryParse(part.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
            }
        }

        return port > 0 && pid > 0;
    }
}
