using System.Text.Json;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Reports;

/// <summary>One real comparison (close-wait-leak vs close-wait-fixed, 3 s of load each), run once and shared by the report tests.</summary>
public sealed class RealComparison : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(150);
    private readonly TempFolder _reports = new();

    public RealComparison()
    {
        Result = LoadReproCli.RunAsync(Timeout, "compare", "close-wait-leak", "close-wait-fixed", "--duration", "5s", "--out", _reports.Path)
            .GetAwaiter().GetResult();
        Directory = RunDirectoryReader.OnlyRun(_reports.Path);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "compare.json")));
        Json = doc.RootElement.Clone();
    }

    /// <summary>What the CLI printed and its exit code.</summary>
    public ProcessResult Result { get; }

    /// <summary>The comparison's directory.</summary>
    public string Directory { get; }

    /// <summary>compare.json.</summary>
    public JsonElement Json { get; }

    /// <summary>The run directory of side A or B, from compare.json.</summary>
    public string Run(string side) => Path.Combine(Directory, Json.GetProperty(side).GetProperty("directory").GetString()!);

    public void Dispose() => _reports.Dispose();
}
