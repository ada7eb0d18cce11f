using System.Diagnostics;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>iproute2's <c>ss</c>, the independent oracle for socket counts.</summary>
public static class Ss
{
    /// <summary>The kernel's TCP states in kernel order (1 = ESTABLISHED ... 11 = CLOSING), as ss names them.</summary>
    public static IReadOnlyList<string> States { get; } =
        ["established", "syn-sent", "syn-recv", "fin-wait-1", "fin-wait-2", "time-wait", "closed", "close-wait", "last-ack", "listening", "closing"];

    /// <summary>Counts TCP sockets in <paramref name="state"/> (ss's name, e.g. close-wait) matching the filter, e.g. <c>( sport = :8080 )</c>.</summary>
    public static async Task<int> CountAsync(string state, string filter) =>
        (await LinesAsync(["-tanH", "state", state, filter])).Length;

    /// <summary>The peer ports of the TCP sockets in <paramref name="state"/> matching the filter: the fourth column of <c>ss -tanH</c>, address:port.</summary>
    public static async Task<IReadOnlyList<int>> PeerPortsAsync(string state, string filter) =>
        (await LinesAsync(["-tanH", "state", state, filter]))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])
            .Select(peer => int.Parse(peer[(peer.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>Counts TCP sockets in <paramref name="state"/> that process <paramref name="pid"/> holds a descriptor of (ss -p).</summary>
    public static async Task<int> CountOwnedAsync(string state, int pid) =>
        (await LinesAsync(["-tanpH", "state", state])).Count(l => l.Contains($"pid={pid},", StringComparison.Ordinal));

    /// <summary>Counts TCP sockets in <paramref name="state"/> matching the filter inside the network namespace of <paramref name="pid"/>.</summary>
    public static async Task<int> CountInNamespaceOfAsync(int pid, string state, string filter) =>
        (await RunAsync("nsenter", ["-t", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "-n", "ss", "-tanH", "state", state, filter])).Length;

    /// <summary>The PIDs that hold a socket listening on <paramref name="port"/>, as <c>ss -ltnp</c> names them.</summary>
    public static async Task<IReadOnlyList<int>> ListenerPidsAsync(int port) =>
        (await LinesAsync(["-ltnpH", $"( sport = :{port} )"]))
            .SelectMany(l => System.Text.RegularExpressions.Regex.Matches(l, @"pid=(\d+),").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct().Order().ToList();

    /// <summary>The ports that process <paramref name="pid"/> listens on, as <c>ss -ltnp</c> shows them.</summary>
    public static async Task<IReadOnlyList<int>> ListeningPortsAsync(int pid) =>
        (await LinesAsync(["-ltnpH"]))
            .Where(l => l.Contains($"pid={pid},", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @":(\d+)\s").Groups[1].Value)
            .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))
            .Distinct().Order().ToList();

    private static Task<string[]> LinesAsync(string[] args) => RunAsync("ss", args);

    private static async Task<string[]> RunAsync(string program, string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = await process.StandardOutput.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await process.StandardError.ReadToEndAsync(cts.Token)}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
