using YamlDotNet.Serialization;

namespace LoadRepro.Core.Scenarios;

/// <summary>Reads a suite strictly: <c>name</c>, <c>description</c>, <c>pairs: [[a, b], ...]</c> of scenario names.</summary>
public static class ScenarioSuiteParser
{
    /// <summary>The folder of suites inside the scenarios folder.</summary>
    public const string FolderName = "suites";

    private const string PairExpected = "expected a pair of scenario names, e.g. [close-wait-leak, close-wait-fixed]";

    private static readonly IDeserializer Deserializer = YamlSource.Deserializer(
        (typeof(List<List<string?>>), "expected a list of pairs"),
        (typeof(List<string?>), PairExpected));

    /// <summary>Resolves a suite name (<c>scenarios/suites/NAME.yaml</c>) or a path to a suite file, and reads it.</summary>
    /// <exception cref="ScenarioException">Unknown suite, unreadable or invalid file.</exception>
    public static ScenarioSuite Resolve(ScenarioCatalog catalog, string nameOrFile)
    {
        var folder = Path.Combine(catalog.Folder, FolderName);
        var path = nameOrFile.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrFile.Contains('/') ? nameOrFile : Path.Combine(folder, nameOrFile + ".yaml");
        if (!File.Exists(path))
        {
            var known = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList() : [];
            throw new ScenarioException($"unknown suite '{nameOrFile}' ({(known.Count > 0 ? "known: " + string.Join(", ", known) : "no suites in " + folder)})");
        }

        return ParseFile(path);
    }

    /// <summary>Reads a suite file.</summary>
    /// <exception cref="ScenarioException">Unreadable or invalid, with file, line and key.</exception>
    public static ScenarioSuite ParseFile(string path)
    {
        return Parse(YamlSource.ReadFile(path, "suite"), path);
    }

    /// <summary>Parses suite YAML; <paramref name="file"/> names it in errors.</summary>
    public static ScenarioSuite Parse(string yaml, string file)
    {
        var (dto, at) = YamlSource.Load<ScenarioSuiteDto>(Deserializer, yaml, file, "'name' and 'pairs'");
        var name = at.Required(dto.Name, "name", "every suite has a name");
        var description = at.Text(dto.Description, "description") ?? "";
        if (dto.Pairs is not { Count: > 0 } pairs)
        {
            throw at.Error("pairs", "missing or empty (at least one pair of scenario names)");
        }

        return new ScenarioSuite
        {
            Name = name,
            Description = description,
            Pairs = pairs.Select((pair, i) => pair is [{ Length: > 0 } a, { Length: > 0 } b] ? (a, b) : throw at.Error($"pairs[{i}]", PairExpected)).ToList(),
        };
    }
}
