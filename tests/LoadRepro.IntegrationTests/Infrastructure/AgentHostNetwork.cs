using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// A second "host" for agent tests: a network namespace of the test's own, joined to the test's namespace by a veth pair
/// with a /30 of 198.19.114.0/24 (inside the lab's benchmarking range, 198.18.0.0/15, which the test server may listen on).
/// Processes started in it (the server, the agent) are killed, and the namespace and the pair removed, on dispose.
/// </summary>
public sealed class AgentHostNetwork : IAsyncDisposable
{
    private static int _next = -1;
    private readonly TestNamespace _namespace;
    private readonly string _hostLink;
    private readonly List<Process> _children = [];

    public AgentHostNetwork()
    {
        var block = Interlocked.Increment(ref _next) % 64 * 4;
        ServerAddress = string.Create(CultureInfo.InvariantCulture, $"198.19.114.{block + 1}");
        HostAddress = string.Create(CultureInfo.InvariantCulture, $"198.19.114.{block + 2}");
        var tag = Guid.NewGuid().ToString("N")[..6];
        _hostLink = $"lrah{tag}";
        _namespace = new TestNamespace("lrt-agent");
        try
        {
            Ip.Run("link", "add", _hostLink, "type", "veth", "peer", "name", $"lran{tag}", "netns", _namespace.Name);
            Ip.Run("addr", "add", $"{HostAddress}/30", "dev", _hostLink);
            Ip.Run("link", "set", _hostLink, "up");
            Ip.Run("-n", _namespace.Name, "addr", "add", $"{ServerAddress}/30", "dev", $"lran{tag}");
            Ip.Run("-n", _namespace.Name, "link", "set", $"lran{tag}", "up");
        }
        catch
        {
            RemoveLink();
            _namespace.Dispose();
            throw;
        }
    }

    public string Name => _namespace.Name;

    /// <summary>The server host's address (its end of the veth pair).</summary>
    public string ServerAddress { get; }

    /// <summary>The test host's address.</summary>
    public string HostAddress { get; }

    /// <summary>Starts <c>loadrepro ARGS</c> inside the namespace and returns it with the first stdout line matching <paramref name="ready"/>.</summary>
    public async Task<(Process Process, Match Ready)> StartAsync(Regex ready, params string[] args)
    {
        var info = LoadReproCli.StartInfo(args);
        info.ArgumentList.Insert(0, info.FileName);
        foreach (var a in new[] { "netns", "exec", Name }.Reverse())
        {
            info.ArgumentList.Insert(0, a);
        }

        info.FileName = "ip";
        var process = Process.Start(info)!;
        _children.Add(process);
        _ = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            if (ready.Match(line) is { Success: true } m)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return (process, m);
            }
        }

        throw new InvalidOperationException($"loadrepro {string.Join(' ', args)} in {Name} ended before its readiness line");
    }

    /// <summary>Runs <paramref name="program"/> inside the namespace and returns its stdout lines.</summary>
    public async Task<string[]> ExecAsync(string program, params string[] args)
    {
        var output = await Task.Run(() => Ip.Run(["netns", "exec", Name, program, .. args]));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _children)
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }

            await p.WaitForExitAsync();
            p.Dispose();
        }

        RemoveLink();
        _namespace.Dispose();
    }

    private void RemoveLink()
    {
        try
        {
            Ip.Run("link", "del", _hostLink);
        }
        catch (InvalidOperationException)
        {
            // Gone with the namespace's end already.
        }
    }
}
