using System.Net.Sockets;
using System.Text;
using LoadRepro.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>Under a small descriptor limit the leak reaches EMFILE; the server reports it, and the test process is not harmed.</summary>
public sealed class DescriptorLimitTests
{
    private readonly ITestOutputHelper _output;

    public DescriptorLimitTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task IgnorePeerFinUnder256_FillsTheDescriptorTable_AndAcceptFailsWithEmfile_TestProcessUnharmed()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "ignore-peer-fin", "--max-fds", "256");
        Assert.Equal(256, ProcFds.SoftLimit(server.Pid));
        var ownFdsBefore = ProcFds.Count(Environment.ProcessId);

        // The kernel's side, read by the test all along: the most descriptors /proc/PID/fd listed while the server lived.
        using var stopWatching = new CancellationTokenSource();
        var mostFds = WatchFdsAsync(server, stopWatching.Token);

        // 150 short connections, 25 at a time: more than the ~70 descriptors left under 256. Past the limit the kernel
        // still completes the handshake into the backlog, but accept() fails, so no answer comes: give up after 300 ms.
        var request = Encoding.ASCII.GetBytes(PlainHttpClient.Get(server.Port));
        for (var batch = 0; batch < 6 && !server.HasExited; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => OneShortConnectionAsync(server, request)));
        }

        // The server's own report: its ACCEPT-FAILED line on stdout, written on a descriptor it already holds.
        string? emfile = null;
        Assert.True(
            await Eventually.HoldsAsync(() => Task.FromResult((emfile = server.Stdout.FirstOrDefault(IsEmfileLine)) is not null), TimeSpan.FromSeconds(10)),
            $"no 'ACCEPT-FAILED errno=EMFILE' line on the server's stdout within 10 s; stdout: {string.Join(" | ", server.Stdout)}; exited: {server.HasExited}");
        _output.WriteLine(emfile);
        await stopWatching.CancelAsync();
        var fds = await mostFds;
        _output.WriteLine($"most descriptors in /proc/{server.Pid}/fd: {fds}");
        Assert.True(fds >= 256 - 2, $"at most {fds} descriptors in /proc/{server.Pid}/fd under a limit of 256, yet the server reported EMFILE");
        if (server.HasExited)
        {
            // Past the limit the runtime itself may fail to get a descriptor it needs and abort ("Out of memory."): after
            // EMFILE was reported, and never as a quiet exit.
            _output.WriteLine($"the server died after reporting EMFILE, exit code {server.ExitCode}; last stderr: {string.Join(" | ", server.Stderr.TakeLast(2))}");
            Assert.NotEqual(0, server.ExitCode);
        }

        Assert.True(ProcFds.Count(Environment.ProcessId) - ownFdsBefore <= 20, "the test process kept descriptors it should have closed");
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.True(probe.Handle != IntPtr.Zero);
    }

    /// <summary>Reads /proc/PID/fd every 10 ms until stopped or the process is gone; returns the most descriptors seen.</summary>
    private static async Task<int> WatchFdsAsync(TestServerProcess server, CancellationToken stop)
    {
        var most = 0;
        try
        {
            while (!stop.IsCancellationRequested && !server.HasExited)
            {
                most = Math.Max(most, ProcFds.Count(server.Pid));
                await Task.Delay(10, stop);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or DirectoryNotFoundException or IOException)
        {
            // Stopped, or the process went away between two reads.
        }

        return most;
    }

    private static bool IsEmfileLine(string line) =>
        line.StartsWith("ACCEPT-FAILED errno=EMFILE total=", StringComparison.Ordinal) && long.TryParse(line.AsSpan("ACCEPT-FAILED errno=EMFILE total=".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var total) && total > 0;

    private static async Task OneShortConnectionAsync(TestServerProcess server, byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            await socket.ConnectAsync(server.EndPoint, cts.Token);
            await socket.SendAsync(request, SocketFlags.None, cts.Token);
            _ = await socket.ReceiveAsync(new byte[1024], SocketFlags.None, cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // No answer past the limit: that is what is being provoked.
        }
    }
}
