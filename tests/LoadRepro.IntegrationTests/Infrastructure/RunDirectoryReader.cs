using System.Text.Json;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>Finds the run directory a run wrote under a reports folder and reads its summary.json.</summary>
public static class RunDirectoryReader
{
    public static string OnlyRun(string reportsFolder)
    {
        var dirs = Directory.GetDirectories(reportsFolder);
        Assert.Single(dirs);
        return dirs[0];
    }

    public static JsonElement Summary(string runDirectory)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "summary.json")));
        return doc.RootElement.Clone();
    }
}
