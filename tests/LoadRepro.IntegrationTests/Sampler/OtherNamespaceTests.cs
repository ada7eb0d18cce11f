using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LoadRepro.Core.Records;
using LoadRepro.IntegrationTests.Infrastructure;
using LoadRepro.Sampler.Sampling;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.IntegrationTests.Sampler;

/// <summary>A target in a network namespace of its own (unshare -n): the sampler must count that namespace's sockets, not ours.</summary>
public sealed partial class OtherNamespaceTests : IDisposable
{
    private readonly List<Process> _processes = [];

    [Theory]
    [InlineData(SocketSourceChoice.Netlink)]
    [InlineData(SocketSourceChoice.Proc)]
    public async Task ServerInItsOwnNamespace_CountsEqualSsRunInThatNamespace(SocketSourceChoice source)
    {
        var (pid, port) = await StartServerInNewNamespaceAsync();
        const int held = 6;
        var holder = Start("nsenter", "-t", Text(pid), "-n", "bash", "-c",
            $"for i in $(seq 1 {held}); do exec {{fd}}<>/dev/tcp/127.0.0.1/{port}; done; exec sleep 60");
        var filter = $"( sport = :{port} )";
        Assert.True(await Eventually.HoldsAsync(async () => await Ss.CountInNamespaceOfAsync(pid, "established", filter) == held, TimeSpan.FromSeconds(10)),
            "the connections inside the namespace never showed");

        // ss counts a connection as soon as the kernel completes it; the server owns it only once accept() returned.
        using var sampler = new ProcessSampler(pid, port, source);
        var s = sampler.Take(0, SamplePhase.Load);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult((s = sampler.Take(0, SamplePhase.Load)).OwnedTcp.Established == held), TimeSpan.FromSeconds(10)),
            $"the server owned {s.OwnedTcp.Established} ESTABLISHED sockets, not {held}");

        Assert.Equal(held, s.Tcp.Established);
        Assert.Equal(held, s.ClientTcp.Established);
        Assert.Equal(1, s.Tcp.Listen);
        Assert.Equal(await Ss.CountInNamespaceOfAsync(pid, "established", filter), s.Tcp.Established);
        Assert.Equal(await Ss.CountInNamespaceOfAsync(pid, "established", $"( dport = :{port} )"), s.ClientTcp.Established);
        Assert.False(holder.HasExited);
    }

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(TimeSpan.FromSeconds(10));
            }

            p.Dispose();
        }
    }

    private async Task<(int Pid, int Port)> StartServerInNewNamespaceAsync()
    {
        // unshare and sh exec in place: the PID we start is the server's.
        var info = LoadReproCli.StartInfo(["server", "--port", "0", "--parent-pid", Text(Environment.ProcessId)]);
        var command = "ip link set lo up && exec dotnet \"$@\"";
        var wrapped = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "sh", "-c", command, "sh" }.Concat(info.ArgumentList))
        {
            wrapped.ArgumentList.Add(a);
        }

        foreach (var (k, v) in info.Environment)
        {
            wrapped.Environment[k] = v;
        }

        var server = Process.Start(wrapped)!;
        _processes.Add(server);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await server.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            var m = ReadyLine().Match(line);
            if (m.Success)
            {
                _ = server.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return (server.Id, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"the server in a new namespace never became ready: {await server.StandardError.ReadToEndAsync(cts.Token)}");
    }

    private Process Start(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var p = Process.Start(info)!;
        _processes.Add(p);
        return p;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^READY port=(\d+) ")]
    private static partial Regex ReadyLine();
}
