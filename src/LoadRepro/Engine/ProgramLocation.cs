using System.Reflection;
using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline.Processes;

namespace LoadRepro.Engine;

/// <summary>
/// Where the API finds what the package ships beside a consumer's build output (<c>loadrepro/</c>, copied there by the
/// package's buildTransitive targets): the <c>loadrepro</c> program its children start from, and the shipped scenarios.
/// </summary>
internal static class ProgramLocation
{
    /// <summary>Names a <c>loadrepro.dll</c> to start children from instead of the copy beside the build output.</summary>
    public const string ProgramVariable = "LOADREPRO_PROGRAM";

    private static readonly Lock Gate = new();

    /// <summary>The folder the package's program and scenarios are copied to.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "loadrepro");

    /// <summary>
    /// Makes the pipeline start its children (the test server) from the <c>loadrepro</c> program: nothing to do inside
    /// <c>loadrepro</c> itself; elsewhere (a test host) <see cref="ProgramVariable"/> or <c>loadrepro/loadrepro.dll</c> beside the build output.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither is there.</exception>
    public static void UseForChildren()
    {
        if (Assembly.GetEntryAssembly()?.GetName().Name == "loadrepro" || SelfCommand.Program is not null)
        {
            return;
        }

        var program = Environment.GetEnvironmentVariable(ProgramVariable) is { Length: > 0 } named ? named : Path.Combine(Folder, "loadrepro.dll");
        if (!File.Exists(program))
        {
            throw new InvalidOperationException(
                $"the loadrepro program that runs the test server as its own process is missing at {program}: the LoadRepro package copies it into the build output's loadrepro/ folder; rebuild, or set {ProgramVariable} to a loadrepro.dll");
        }

        lock (Gate)
        {
            SelfCommand.UseProgram(program);
        }
    }

    /// <summary>
    /// The scenario catalogue: <c>LOADREPRO_SCENARIOS</c>, else the package's <c>loadrepro/scenarios/</c> beside the build
    /// output, else a <c>scenarios/</c> folder found from the working directory up (a checkout of the repository).
    /// </summary>
    public static ScenarioCatalog Catalog()
    {
        var packaged = Path.Combine(Folder, "scenarios");
        return string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ScenarioCatalog.FolderVariable)) && Directory.Exists(packaged)
            ? new ScenarioCatalog(packaged)
            : ScenarioCatalog.Locate();
    }
}
