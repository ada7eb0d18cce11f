using LoadRepro.Core.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadRepro.Core.Suites;

/// <summary>Reads suite YAML strictly; every problem is a <see cref="ScenarioException"/> naming the file and line.</summary>
public static class SuiteParser
{
    /// <summary>The folder of suites inside the scenarios folder.</summary>
    public const string FolderName = "suites";

    /// <summary>Resolves a suite name (<c>scenarios/suites/NAME.yaml</c>) or a path to a suite file, and parses it.</summary>
    /// <exception cref="ScenarioException">Unknown suite, unreadable or invalid file.</exception>
    public static SuiteDefinition Resolve(ScenarioCatalog catalog, string nameOrFile)
    {
        var folder = Path.Combine(catalog.Folder, FolderName);
        var path = nameOrFile.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrFile.Contains('/') ? nameOrFile : Path.Combine(folder, nameOrFile + ".yaml");
        if (!File.Exists(path))
        {
            var known = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList() : [];
            throw new ScenarioException($"unknown suite '{nameOrFile}' ({(known.Count > 0 ? "known: " + string.Join(", ", known) : "no suites in " + folder)})");
        }

        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot read the suite file: {e.Message}", e);
        }
    }

    /// <summary>Parses suite YAML; <paramref name="file"/> names it in errors.</summary>
    public static SuiteDefinition Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ScenarioException($"{file}:{e.Start.Line}: malformed YAML: {(e.InnerException?.Message ?? e.Message).Split('\n')[0]}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioException($"{file}:1: expected a mapping with 'name' and 'pairs'");
        }

        string? name = null, description = null;
        var pairs = new List<SuitePair>();
        foreach (var (key, value) in root.Children)
        {
            switch ((key as YamlScalarNode)?.Value)
            {
                case "name": name = Scalar(value, file, "name"); break;
                case "description": description = Scalar(value, file, "description"); break;
                case "pairs" when value is YamlSequenceNode list:
                    pairs.AddRange(list.Children.Select((p, i) => Pair(p, file, i)));
                    break;
                case "pairs": throw new ScenarioException($"{file}:{value.Start.Line}: pairs: expected a list of {{ a: SCENARIO, b: SCENARIO }}");
                default: throw new ScenarioException($"{file}:{key.Start.Line}: {(key as YamlScalarNode)?.Value}: unknown key (name, description, pairs)");
            }
        }

        if (name is null)
        {
            throw new ScenarioException($"{file}:1: name: missing (every suite has a name)");
        }

        return pairs.Count == 0
            ? throw new ScenarioException($"{file}:1: pairs: missing or empty (a suite compares at least one pair)")
            : new SuiteDefinition { Name = name, Description = description ?? "", Pairs = pairs };
    }

    private static SuitePair Pair(YamlNode node, string file, int index)
    {
        if (node is not YamlMappingNode m)
        {
            throw new ScenarioException($"{file}:{node.Start.Line}: pairs[{index}]: expected {{ a: SCENARIO, b: SCENARIO }}");
        }

        string? a = null, b = null;
        foreach (var (key, value) in m.Children)
        {
            switch ((key as YamlScalarNode)?.Value)
            {
                case "a": a = Scalar(value, file, $"pairs[{index}].a"); break;
                case "b": b = Scalar(value, file, $"pairs[{index}].b"); break;
                default: throw new ScenarioException($"{file}:{key.Start.Line}: pairs[{index}].{(key as YamlScalarNode)?.Value}: unknown key (a, b)");
            }
        }

        return a is not null && b is not null
            ? new SuitePair(a, b)
            : throw new ScenarioException($"{file}:{node.Start.Line}: pairs[{index}]: needs both a and b");
    }

    private static string Scalar(YamlNode node, string file, string key) =>
        node is YamlScalarNode { Value: { Length: > 0 } v }
            ? v
            : throw new ScenarioException($"{file}:{node.Start.Line}: {key}: expected a single value");
}
