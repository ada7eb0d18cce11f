using System.Runtime.InteropServices;

namespace LoadRepro.Pipeline.Processes;

/// <summary>The <c>dotnet</c> executable that runs this process's runtime, to start another .NET program with.</summary>
public static class DotnetHost
{
    /// <summary>
    /// <c>DOTNET_HOST_PATH</c> (set by the SDK under <c>dotnet test</c>), else this process when it is <c>dotnet</c>, else the
    /// <c>dotnet</c> three folders above the runtime's own (<c>shared/Microsoft.NETCore.App/VERSION/</c>), else <c>dotnet</c> on the PATH.
    /// </summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var besideRuntime = System.IO.Path.GetFullPath(System.IO.Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        return File.Exists(besideRuntime) ? besideRuntime : "dotnet";
    }
}
