using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

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

    /// <summary>
    /// A strict deserializer into DTOs whose property names are the files' camelCase keys: a key no property has is an
    /// error, and so is a value in the wrong shape (<see cref="ShapeCheck"/>, with a hint for each list type).
    /// </summary>
    public static IDeserializer Deserializer(params (Type List, string Hint)[] listHints) =>
        new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .WithNodeDeserializer(new ShapeCheck(listHints.ToDictionary(h => h.List, h => h.Hint)), where => where.OnTop())
            .Build();

    /// <summary>
    /// Deserializes the document into <typeparamref name="T"/> and indexes where its values are, for the validation pass;
    /// <paramref name="expectation"/> says what the root mapping should hold, for the error when it is not one.
    /// </summary>
    public static (T Document, YamlValues Values) Load<T>(IDeserializer deserializer, string yaml, string file, string expectation)
    {
        var values = new YamlValues(file, LoadRoot(yaml, file, expectation));
        try
        {
            var parser = new Parser(new StringReader(yaml));

            // Without its stream start, the deserializer reads the first document and leaves the rest, as LoadRoot does.
            parser.Consume<StreamStart>();
            return (deserializer.Deserialize<T>(parser), values);
        }
        catch (YamlException e)
        {
            throw values.Error(e);
        }
    }

    /// <summary>Loads the document's root mapping: the representation model keeps every node's position.</summary>
    private static YamlMappingNode LoadRoot(string yaml, string file, string expectation)
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
