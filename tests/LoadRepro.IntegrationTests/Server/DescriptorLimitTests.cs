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
    public async Task IgnorePeerFinUnder256_AcceptFailsWithEmfile_TestProcessUnharmed()
    {
        using var folder = new TempFolder();
        var log = Path.Combine(folder.Path, "server.log");
        await using var server = await TestServerProcess.StartAsync("--bug", "ignore-peer-fin", "--max-fds", "256", "--log-file", log);
        var ownFdsBefore = ProcFds.Count(Environment.ProcessId);

        // 150 short connections, 25 at a time: more than the ~70 descriptors left under 256. Past the limit the kernel
        // still completes the handshake into the backlog, but accept() fails, so no answer comes: give up after 300 ms.
        var request = Encoding.ASCII.GetBytes(PlainHttpClient.Get(server.Port));
        for (var batch = 0; batch < 6 && !server.HasExited; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => OneShortConnectionAsync(server, request)));
        }

        var emfile = false;
        var exited = await Eventually.HoldsAsync(
            () => Task.FromResult(server.HasExited || (emfile = ServerLog.Events(log, "AcceptFailed").Any(e => e.GetProperty("Errno").GetString() == "EMFILE"))),
            TimeSpan.FromSeconds(10));
        Assert.True(exited, "neither an AcceptFailed EMFILE event in the server's log nor the server's exit within 10 s");
        if (!emfile)
        {
            // Dying at the limit is an outcome too (the runtime aborts when it cannot open a file it needs): it is
            // recorded with its exit code and last words, and it must be a failure exit, not a quiet one.
            _output.WriteLine($"the server died at the limit with exit code {server.ExitCode}; last stderr: {string.Join(" | ", server.Stderr.TakeLast(5))}");
            Assert.NotEqual(0, server.ExitCode);
        }

        Assert.True(ProcFds.Count(Environment.ProcessId) - ownFdsBefore <= 20, "the test process kept descriptors it should have closed");
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.True(probe.Handle != IntPtr.Zero);
    }

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
