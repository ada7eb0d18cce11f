using System.Globalization;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;

namespace LoadRepro.Server.Hosting;

/// <summary>The one line the server prints on stdout when it accepts connections, and its parsing.</summary>
public static class ReadinessLine
{
    /// <summary>The line's first word.</summary>
    public const string Prefix = "READY";

    /// <summary>
    /// Formats the line: <c>READY port=N pid=P bug=B keepAlive=K maxFds=M stack=S rawPort=R httpPort=H controlPort=C outboundPort=O downstreamPort=D</c>.
    /// <c>port</c> is the port under test (the port of stack S); the fields after <c>maxFds</c> were added later, so readers
    /// of the first five keep working. With <c>--tls</c> the line ends with <c>tlsSha256=H</c>, the hash of the certificate
    /// the port under test presents (<paramref name="tlsSha256"/>).
    /// </summary>
    public static string Format(ListenerPorts ports, StackKind stack, int pid, string bug, string keepAlive, long maxFds, string? tlsSha256 = null) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Prefix} port={ports.Of(stack)} pid={pid} bug={bug} keepAlive={keepAlive} maxFds={maxFds} stack={KebabNames.Name(stack)} rawPort={ports.Raw} httpPort={ports.Http} controlPort={ports.Control} outboundPort={ports.Outbound} downstreamPort={ports.Downstream}{(tlsSha256 is null ? "" : " " + TlsField + "=" + tlsSha256)}");

    /// <summary>The field that carries the hash of the TLS certificate.</summary>
    public const string TlsField = "tlsSha256";

    /// <summary>Reads one text field (e.g. <c>tlsSha256</c>) from a readiness line; null when the line is not one or has no such field.</summary>
    public static string? TextField(string line, string name)
    {
        if (!line.StartsWith(Prefix + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var prefix = name + "=";
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    /// <summary>Reads port and PID from a readiness line; false when the line is not one.</summary>
    public static bool TryParse(string line, out int port, out int pid) =>
        TryParseField(line, "port", out port) & TryParseField(line, "pid", out pid);

    /// <summary>Reads one numeric field (e.g. <c>controlPort</c>) from a readiness line; false when absent or not a positive number.</summary>
    public static bool TryParseField(string line, string name, out int value)
    {
        value = 0;
        if (!line.StartsWith(Prefix + " ", StringComparison.Ordinal))
        {
            return false;
        }

        var prefix = name + "=";
        foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(prefix, StringComparison.Ordinal))
            {
                return int.TryParse(part.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
            }
        }

        return false;
    }
}
