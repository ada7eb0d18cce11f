using LoadRepro.Core.Scenarios;

namespace LoadRepro.Pipeline.Lab;

/// <summary>The named sysctl profiles: <c>profiles/NAME.yaml</c> beside the scenarios.</summary>
public static class SysctlProfiles
{
    /// <summary>The folder of the profiles for a scenarios folder.</summary>
    public static string Folder(ScenarioCatalog catalog) => Path.Combine(catalog.Folder, "profiles");

    /// <summary>Resolves a profile name, or a path to a profile file.</summary>
    /// <exception cref="UserFacingException">Unknown or invalid (exit 2).</exception>
    public static SysctlProfile Resolve(ScenarioCatalog catalog, string nameOrFile)
    {
        var isFile = nameOrFile.Contains('/') || nameOrFile.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        var path = isFile ? nameOrFile : Path.Combine(Folder(catalog), nameOrFile + ".yaml");
        if (!File.Exists(path))
        {
            var known = Directory.Exists(Folder(catalog))
                ? string.Join(", ", Directory.EnumerateFiles(Folder(catalog), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal))
                : "none";
            throw new UserFacingException($"unknown sysctl profile '{nameOrFile}' (known: {known})");
        }

        try
        {
            return SysctlProfileParser.ParseFile(path);
        }
        catch (ScenarioException e)
        {
            throw new UserFacingException(e.Message, e);
        }
    }
}
