namespace LoadRepro.ApiTests;

/// <summary>The shipped scenarios folder of this checkout, found from the test's folder up, as the API finds it.</summary>
internal static class ShippedScenarios
{
    /// <summary>The path of a shipped scenario's YAML file.</summary>
    public static string File(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios", name + ".yaml");
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"no scenarios/{name}.yaml above {AppContext.BaseDirectory}");
    }
}
