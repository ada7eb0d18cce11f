using System.Diagnostics;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>A network namespace a test creates with iproute2 and removes on dispose, even when the test failed.</summary>
public sealed class TestNamespace : IDisposable
{
    public TestNamespace(string stem)
    {
        Name = $"{stem}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..4]}";
        Ip.Run("netns", "add", Name);
        Ip.Run("-n", Name, "link", "set", "lo", "up");
    }

    public string Name { get; }

    /// <summary>Writes one sysctl inside the namespace, e.g. ("net/ipv4/tcp_tw_reuse", "0").</summary>
    public void SetSysctl(string relativePath, string value) =>
        Ip.Run("netns", "exec", Name, "sh", "-c", $"echo '{value}' > /proc/sys/{relativePath}");

    public void Dispose()
    {
        try
        {
            Ip.Run("netns", "del", Name);
        }
        catch (InvalidOperationException)
        {
        }
    }
}

/// <summary>Runs iproute2's <c>ip</c> and reads the network namespaces that exist.</summary>
public static class Ip
{
    public static string Run(params string[] args)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(10_000))
        {
            p.Kill();
            throw new InvalidOperationException($"ip {string.Join(' ', args)} did not finish within 10 s");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed: {stderr.Result}");
        }

        return stdout.Result;
    }

    /// <summary>The names of every network namespace.</summary>
    public static IReadOnlyList<string> Namespaces() =>
        Run("netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();

    /// <summary>Asserts that no namespace or veth of the lab that the run with PID <paramref name="owner"/> made is left.</summary>
    public static void AssertLabGone(int owner)
    {
        Assert.DoesNotContain(Namespaces(), n => n.StartsWith($"lr-{owner}-", StringComparison.Ordinal));
        Assert.Empty(Links($"lr-{owner}-"));
    }

    /// <summary>The veth interfaces of the host namespace whose name starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> Links(string prefix) =>
        Run("-o", "link", "show").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 3)[1].Trim().Split('@')[0])
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
}
