namespace LeakyTests;

/// <summary>The sample server's build (samples/run builds it first), started by LoadRepro from a shell command.</summary>
internal static class LeakyServerBuild
{
    /// <summary>The shell command that starts the server on <paramref name="port"/>, leaking or not.</summary>
    public static string Command(int port, bool leak) => $"exec dotnet {Dll()} --urls http://127.0.0.1:{port} --Leak={leak.ToString().ToLowerInvariant()}";

    private static string Dll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "LeakyServer", "bin", "Release", "net10.0", "LeakyServer.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("build samples/LeakySample/LeakyServer first (samples/run does)");
    }
}
