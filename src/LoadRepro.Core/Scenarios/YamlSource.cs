using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadRepro.Core.Scenarios;

/// <summary>Reading the YAML files users write (scenarios, suites, profiles): every problem is one <see cref="ScenarioException"/> line.</summary>
internal static class YamlSource
{
    /// <summary>Reads a file's text; <paramref name="what"/> names the kind of file in the error.</summary>
    public static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot read the {what}: {e.Message}", e);
        }
    }

    /// <summary>Loads the document's root mapping; <paramref name="expectation"/> says what it should hold, for the error.</summary>
    public static YamlMappingNode LoadRoot(string yaml, string file, string expectation)
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
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner gives up this way on some unterminated flow collections, without a position.
            throw new ScenarioException($"{file}: malformed YAML: an unterminated [list] or {{mapping}}, or a stray quote", e);
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new ScenarioException($"{file}:1: expected a mapping with {expectation}");
    }
}
