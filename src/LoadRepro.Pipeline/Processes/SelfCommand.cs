using System.Diagnostics;

namespace LoadRepro.Pipeline.Processes;

/// <summary>How to start this same program again as a child (the server runs as its own process).</summary>
public static class SelfCommand
{
    /// <summary>
    /// A start info that runs this program with <paramref name="args"/>, whether it runs as an apphost or through <c>dotnet</c>;
    /// inside the network namespace <paramref name="netns"/> when given (<c>ip netns exec</c> execs, so the child's PID is the program's).
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? netns = null)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("the program's own path is unknown");
        var info = new ProcessStartInfo(path);
        if (netns is not null)
        {
            info.FileName = "ip";
            foreach (var a in (string[])["netns", "exec", netns, path])
            {
                info.ArgumentList.Add(a);
            }
        }

        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            // Run through dotnet: the program is the entry assembly (loadrepro.dll), not this library.
            info.ArgumentList.Add(System.Reflection.Assembly.GetEntryAssembly()?.Location
                ?? throw new InvalidOperationException("the program's entry assembly is unknown"));
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }
}
