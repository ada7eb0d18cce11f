using System.Diagnostics;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>Runs the real loadrepro program (built beside the tests) as a child process.</summary>
public static class LoadReproCli
{
    /// <summary>The CLI assembly copied beside the test assembly by the project reference.</summary>
    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "loadrepro.dll");

    /// <summary>The repository's scenarios folder.</summary>
    public static string ScenariosFolder { get; } = FindUp("scenarios");

    /// <summary>A start info for <c>dotnet loadrepro.dll ARGS</c> with the scenarios folder set.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["LOADREPRO_SCENARIOS"] = ScenariosFolder;
        return info;
    }

    /// <summary>Runs loadrepro to the end (killed after <paramref name="timeout"/>) and returns what it printed.</summary>
    public static Task<ProcessResult> RunAsync(TimeSpan timeout, params string[] args) => RunAsync(StartInfo(args), timeout, args);

    /// <summary>Runs loadrepro to the end with the scenarios of <paramref name="scenariosFolder"/> instead of the repository's.</summary>
    public static Task<ProcessResult> RunWithScenariosAsync(string scenariosFolder, TimeSpan timeout, params string[] args)
    {
        var info = StartInfo(args);
        info.Environment["LOADREPRO_SCENARIOS"] = scenariosFolder;
        return RunAsync(info, timeout, args);
    }

    /// <summary>
    /// Runs loadrepro to the end on a terminal of its own (a pty from <c>script</c>), as a user at a terminal does; stdout holds
    /// what it drew there.
    /// </summary>
    public static Task<ProcessResult> RunOnTerminalAsync(TimeSpan timeout, params string[] args)
    {
        var info = StartInfo(args);
        var wrapped = new ProcessStartInfo("script")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        wrapped.ArgumentList.Add("-qec");
        wrapped.ArgumentList.Add(string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'")));
        wrapped.ArgumentList.Add("/dev/null");
        foreach (var (key, value) in info.Environment)
        {
            wrapped.Environment[key] = value;
        }

        return RunAsync(wrapped, timeout, args);
    }

    /// <summary>Runs loadrepro to the end inside the network namespace <paramref name="netns"/> (<c>ip netns exec</c>, which execs in place).</summary>
    public static Task<ProcessResult> RunInNamespaceAsync(string netns, TimeSpan timeout, params string[] args) =>
        RunAsync(InNamespace(netns, StartInfo(args)), timeout, args);

    /// <summary><paramref name="info"/> started inside the network namespace <paramref name="netns"/>; the PID started is the program's.</summary>
    public static ProcessStartInfo InNamespace(string netns, ProcessStartInfo info)
    {
        var wrapped = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "netns", "exec", netns, info.FileName }.Concat(info.ArgumentList))
        {
            wrapped.ArgumentList.Add(a);
        }

        foreach (var (k, v) in info.Environment)
        {
            wrapped.Environment[k] = v;
        }

        return wrapped;
    }

    private static async Task<ProcessResult> RunAsync(ProcessStartInfo info, TimeSpan timeout, string[] args)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"loadrepro {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s; stdout: {await stdout}; stderr: {await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static string FindUp(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no {name}/ folder above {AppContext.BaseDirectory}");
    }
}
