using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadRepro.Core.Scenarios;

/// <summary>Reads a suite strictly: <c>name</c>, <c>description</c>, <c>pairs: [[a, b], ...]</c> of scenario names.</summary>
public static class ScenarioSuiteParser
{
    /// <summary>The folder of suites inside the scenarios folder.</summary>
    public const string FolderName = "suites";

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
        var root = YamlSource.LoadRoot(yaml, file, "'name' and 'pairs'");

        var name = "";
        var description = "";
        var pairs = new List<(string, string)>();
        foreach (var (k, v) in root.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "name" when v is YamlScalarNode { Value: { Length: > 0 } n }:
                    name = n;
                    break;
                case "description" when v is YamlScalarNode d:
                    description = d.Value ?? "";
                    break;
                case "pairs" when v is YamlSequenceNode list:
                    foreach (var item in list)
                    {
                        pairs.Add(item is YamlSequenceNode { Children: [YamlScalarNode { Value: { Length: > 0 } a }, YamlScalarNode { Value: { Length: > 0 } b }] }
                            ? (a, b)
                            : throw new ScenarioException($"{file}:{item.Start.Line}: pairs: expected a pair of scenario names, e.g. [close-wait-leak, close-wait-fixed]"));
                    }

                    break;
                case "name" or "description" or "pairs":
                    throw new ScenarioException($"{file}:{v.Start.Line}: {key}: {(key == "pairs" ? "expected a list of pairs" : "expected a single value")}");
                default:
                    throw new ScenarioException($"{file}:{k.Start.Line}: {key}: unknown key");
            }
        }

        if (name.Length == 0)
        {
            throw new ScenarioException($"{file}:1: name: missing (every suite has a name)");
        }

        return pairs.Count == 0
            ? throw new ScenarioException($"{file}:1: pairs: missing or empty (at least one pair of scenario names)")
            : new ScenarioSuite { Name = name, Description = description, Pairs = pairs };
    }
}
