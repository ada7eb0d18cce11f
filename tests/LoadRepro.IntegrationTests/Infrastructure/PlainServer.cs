using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// The tests' own user server, not Kestrel: UserServers/plain_http_server.py (a CLOSE_WAIT bug with --leak, pre-fork with
/// --workers). Its command lines carry a tag, so a test finds what is left of it in /proc.
/// </summary>
public static class PlainServer
{
    /// <summary>The script, copied beside the test assembly.</summary>
    public static string Script { get; } = Path.Combine(AppContext.BaseDirectory, "UserServers", "plain_http_server.py");

    /// <summary>The shell command that starts it on <paramref name="port"/> with <paramref name="options"/> (e.g. <c>--leak</c>), tagged.</summary>
    public static string Command(int port, string tag, string options = "") =>
        string.Create(CultureInfo.InvariantCulture, $"/usr/bin/python3 {Script} {port} {options} --tag {tag}");

    /// <summary>Starts it as the test's own child (for a run that finds it by its port); the caller stops it.</summary>
    public static Process Start(int port, string tag) =>
        Process.Start(new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { Script, port.ToString(CultureInfo.InvariantCulture), "--tag", tag } })!;

    /// <summary>A tag no other process carries.</summary>
    public static string Tag() => "lr-test-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>PIDs whose command line carries <paramref name="tag"/> (the test's own processes only, not the harness).</summary>
    public static List<int> Running(string tag)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId)
            {
                try
                {
                    var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                    if (cmdline.Contains(tag, StringComparison.Ordinal) && !cmdline.Contains("loadrepro.dll", StringComparison.Ordinal))
                    {
                        pids.Add(pid);
                    }
                }
                catch (IOException)
                {
                    // Gone while reading.
                }
            }
        }

        return pids;
    }

    /// <summary>
    /// A port free on 127.0.0.1, below the ephemeral range: the user's server is told its port before it binds it, and no
    /// connect() (the load of an earlier test, any other process) can take a port below that range as its local port in
    /// between; the integration tests run one at a time, so no other test binds it either.
    /// </summary>
    public static int FreePort()
    {
        var low = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(Math.Min(10_000, low / 2), low);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: another try.
            }
        }

        throw new InvalidOperationException($"no free port on 127.0.0.1 below the ephemeral range (from {low}) in 100 tries");
    }

    /// <summary>True when something accepts a connection on <paramref name="port"/>.</summary>
    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Writes a scenario file into <paramref name="folder"/> and returns its path.</summary>
    public static async Task<string> ScenarioAsync(TempFolder folder, string name, string yaml)
    {
        var path = Path.Combine(folder.Path, name + ".yaml");
        await File.WriteAllTextAsync(path, $"name: {name}\n{yaml}");
        return path;
    }
}
