using System.Diagnostics;
using System.Globalization;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// The test's own plain-socket client (python3's socket module, nothing of ours) run inside a network namespace with
/// <c>ip netns exec</c>: it tries connect() a number of times and counts the attempts that failed with EADDRNOTAVAIL.
/// </summary>
public static class NamespaceConnects
{
    private const string Script = """
        import errno, socket, sys
        host, port, attempts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        refused = 0
        for _ in range(attempts):
            s = socket.socket()
            s.settimeout(2)
            try:
                s.connect((host, port))
            except OSError as e:
                refused += e.errno == errno.EADDRNOTAVAIL
            finally:
                s.close()
        print(refused)
        """;

    /// <summary>How many of <paramref name="attempts"/> connects to host:port from inside <paramref name="netns"/> failed with EADDRNOTAVAIL.</summary>
    public static async Task<int> AddressNotAvailableAsync(string netns, string host, int port, int attempts)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", netns, "python3", "-c", Script, host, port.ToString(CultureInfo.InvariantCulture), attempts.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = await process.StandardOutput.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, $"the test's client in {netns} failed: {await process.StandardError.ReadToEndAsync(cts.Token)}");
        return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
