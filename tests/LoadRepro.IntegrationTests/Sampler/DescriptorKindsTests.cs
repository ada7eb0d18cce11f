using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LoadRepro.Core.Records;
using LoadRepro.IntegrationTests.Infrastructure;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.IntegrationTests.Sampler;

public sealed class DescriptorKindsTests
{
    [Fact]
    public async Task ProcessWithKnownDescriptors_CountedByKind()
    {
        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, "fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(8);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        // stdin, stdout, stderr: three pipes (redirected); 3, 4: a regular file twice; 5: /dev/null (a character device);
        // 6: a TCP socket; 7: a FIFO (a pipe with a name). Anything inherited above 7 is closed; exec sleep keeps exactly these.
        var info = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "exec 3<\"$0\" 4<\"$0\" 5</dev/null 6<>/dev/tcp/127.0.0.1/$1 7<>\"$2\"; for f in /proc/$$/fd/*; do n=${f##*/}; if [ \"$n\" -gt 7 ]; then eval \"exec $n>&-\"; fi; done; exec sleep 60", "/etc/hostname", port.ToString(System.Globalization.CultureInfo.InvariantCulture), fifo })
        {
            info.ArgumentList.Add(a);
        }

        using var child = Process.Start(info)!;
        try
        {
            Assert.True(await Eventually.HoldsAsync(async () => (await File.ReadAllTextAsync($"/proc/{child.Id}/comm")).Trim() == "sleep", TimeSpan.FromSeconds(10)));
            using var sampler = new ProcessSampler(child.Id, 0);
            var s = sampler.Take(0, SamplePhase.Load);

            var links = string.Join(", ", Directory.GetFiles($"/proc/{child.Id}/fd").Select(f => $"{Path.GetFileName(f)}={new FileInfo(f).LinkTarget}"));
            Assert.True(s.Fds == 8, links);
            Assert.Equal(1, s.SocketFds);
            Assert.Equal(7, s.OtherFds);
            Assert.Equal(2, s.FileFds);
            Assert.Equal(4, s.PipeFds);
            Assert.Equal(0, s.AnonInodeFds);
            Assert.Equal(1, s.OtherKindFds);
            Assert.Equal(1, s.Threads);
            Assert.True(s.RssBytes > 0);
            Assert.True(s.FdLimit > 0 && s.FdHardLimit >= s.FdLimit, $"limits {s.FdLimit}/{s.FdHardLimit}");

            // The socket is the child's own: its ESTABLISHED client end is in the child's descriptor table.
            Assert.Equal(1, s.OwnedTcp.Established);
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
    }

    [Fact]
    public async Task AnonInodes_OfTheTestServer_EqualTheLinksInItsFdFolder()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "none");
        using var sampler = new ProcessSampler(server.Pid, server.Port);
        var fdFolder = $"/proc/{server.Pid}/fd";
        Sample? last = null;

        // An idle server's table is stable, but the runtime may open something now and then: compare until both agree.
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            last = sampler.Take(0, SamplePhase.Load);
            var links = Directory.GetFiles(fdFolder).Select(f => new FileInfo(f).LinkTarget ?? "").ToList();
            return Task.FromResult(
                last.Fds == links.Count
                && last.AnonInodeFds == links.Count(l => l.StartsWith("anon_inode:", StringComparison.Ordinal))
                && last.SocketFds == links.Count(l => l.StartsWith("socket:", StringComparison.Ordinal))
                && last.PipeFds == links.Count(l => l.StartsWith("pipe:", StringComparison.Ordinal)));
        }, TimeSpan.FromSeconds(10)), $"sampler: {last}");
        Assert.True(last!.AnonInodeFds > 0, "a .NET server has at least an epoll descriptor");
        Assert.Equal(1, last.Tcp.Listen);
        Assert.Equal(await Ss.CountOwnedAsync("listening", server.Pid), last.OwnedTcp.Listen);
        Assert.True(last.OwnedTcp.Listen >= 2, "the server listens on the port under test and on its control port at least");
    }
}
