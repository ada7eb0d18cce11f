using System.Diagnostics;

namespace LoadRepro.Pipeline.Processes;

/// <summary>
/// How children (the test server, the lab's load child) are started: the <c>loadrepro</c> program again, with a command of
/// its own. Inside <c>loadrepro</c> that is this program; inside another host (a user's test run, which hosts the API) it is
/// the <c>loadrepro.dll</c> named by <see cref="UseProgram"/>, run by <c>dotnet</c>.
/// </summary>
public static class SelfCommand
{
    private static string? _program;

    /// <summary>The <c>loadrepro.dll</c> that children start from, when this process is not <c>loadrepro</c>; null: this program.</summary>
    public static string? Program => _program;

    /// <summary>Starts every later child from <paramref name="programDll"/> (<c>dotnet programDll ARGS</c>) instead of this program.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void UseProgram(string programDll)
    {
        if (!File.Exists(programDll))
        {
            throw new FileNotFoundException($"the loadrepro program to start children from is missing: {programDll}", programDll);
        }

        _program = Path.GetFullPath(programDll);
    }

    /// <summary>
    /// A start info that runs the program with <paramref name="args"/>, whether it runs as an apphost or through <c>dotnet</c>;
    /// inside the network namespace <paramref name="netns"/> when given (<c>ip netns exec</c> execs, so the child's PID is the program's).
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? netns = null)
    {
        var (path, assembly) = _program is { } dll ? (DotnetHost.Path, dll) : Self();
        var info = new ProcessStartInfo(path);
        if (netns is not null)
        {
            info.FileName = "ip";
            foreach (var a in (string[])["netns", "exec", netns, path])
            {
                info.ArgumentList.Add(a);
            }
        }

        if (assembly is not null)
        {
            info.ArgumentList.Add(assembly);
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    /// <summary>This program: its apphost, or <c>dotnet</c> and its entry assembly (loadrepro.dll, not this library).</summary>
    private static (string Path, string? Assembly) Self()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("the program's own path is unknown");
        return System.IO.Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, System.Reflection.Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("the program's entry assembly is unknown"))
            : (path, null);
    }
}
