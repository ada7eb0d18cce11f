namespace LoadRepro.Core.Scenarios;

/// <summary>Finds named scenarios in the <c>scenarios/</c> folder and resolves a name or a file to a definition.</summary>
public sealed class ScenarioCatalog
{
    /// <summary>The environment variable that names the scenarios folder, for installs outside the repository.</summary>
    public const string FolderVariable = "LOADREPRO_SCENARIOS";

    /// <summary>Uses <paramref name="folder"/> as the scenarios folder.</summary>
    public ScenarioCatalog(string folder) => Folder = folder;

    /// <summary>The scenarios folder.</summary>
    public string Folder { get; }

    /// <summary>The folder holding <c>scenarios/</c>: where <c>reports/</c> goes by default.</summary>
    public string ProjectRoot => Path.GetDirectoryName(Path.GetFullPath(Folder).TrimEnd('/')) ?? ".";

    /// <summary>
    /// Finds the scenarios folder: <see cref="FolderVariable"/>, else a <c>scenarios/</c> folder in the working
    /// directory or above it, else one above the program's own folder (a build inside the repository).
    /// </summary>
    public static ScenarioCatalog Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return new ScenarioCatalog(fromEnv);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scenarios");
                if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.yaml").Any())
                {
                    return new ScenarioCatalog(candidate);
                }
            }
        }

        return new ScenarioCatalog(Path.Combine(Directory.GetCurrentDirectory(), "scenarios"));
    }

    /// <summary>The named scenarios, sorted by name; a file that does not parse is returned with its error.</summary>
    public IReadOnlyList<(string Name, ScenarioDefinition? Scenario, string? Error)> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(Folder, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var name = Path.GetFileNameWithoutExtension(path);
                try
                {
                    return (name, (ScenarioDefinition?)ScenarioParser.ParseFile(path), (string?)null);
                }
                catch (ScenarioException e)
                {
                    return (name, null, e.Message);
                }
            })
            .ToList();
    }

    /// <summary>Resolves a scenario name (a file in the folder) or a path to a YAML file.</summary>
    /// <exception cref="ScenarioException">Unknown name, unreadable file, or invalid content.</exception>
    public ScenarioDefinition Resolve(string nameOrFile)
    {
        if (nameOrFile.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrFile.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || nameOrFile.Contains('/'))
        {
            if (!File.Exists(nameOrFile))
            {
                throw new ScenarioException($"{nameOrFile}: no such scenario file");
            }

            return ScenarioParser.ParseFile(nameOrFile);
        }

        var path = Path.Combine(Folder, nameOrFile + ".yaml");
        if (!File.Exists(path))
        {
            var known = List().Select(s => s.Name).ToList();
            var hint = known.Count > 0 ? $"known: {string.Join(", ", known)}" : $"no scenarios found in {Folder}";
            throw new ScenarioException($"unknown scenario '{nameOrFile}' ({hint}); 'loadrepro list' shows them");
        }

        return ScenarioParser.ParseFile(path);
    }
}
