using System.Diagnostics;

namespace LoadRepro.Cli.Orchestration;

/// <summary>How to start this same program again as a child (the server runs as its own process).</summary>
public static class SelfCommand
{
    /// <summary>A start info that runs this program with <paramref name="args"/>, whether it runs as an apphost or through <c>dotnet</c>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("the program's own path is unknown");
        var info = new ProcessStartInfo(path);
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            info.ArgumentList.Add(typeof(SelfCommand).Assembly.Location);
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }
}
