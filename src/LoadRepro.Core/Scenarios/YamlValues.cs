using System.Globalization;
using LoadRepro.Core.Modes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadRepro.Core.Scenarios;

/// <summary>
/// Where each value of one YAML file is, by key path (<c>load.rate</c>, <c>load.stages[0].rate</c>), and the checks that
/// turn a DTO's text into a value. YamlDotNet's deserializer keeps no positions, so the file's representation model gives
/// them; every error names the file, the line and the full key.
/// </summary>
internal sealed class YamlValues
{
    private delegate bool TryParse<T>(string text, out T value);

    private readonly string _file;
    private readonly Dictionary<string, YamlNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(long Line, long Column), string> _keys = [];
    private readonly Dictionary<(long Line, long Column), string> _values = [];

    /// <summary>Indexes the document under <paramref name="root"/>; <paramref name="file"/> names it in errors.</summary>
    public YamlValues(string file, YamlMappingNode root)
    {
        _file = file;
        Index(root, "");
    }

    /// <summary>The deserializer's error as one line naming the file, the line and the key.</summary>
    public ScenarioException Error(YamlException e)
    {
        // A block mapping starts where its first key does, so a mark alone cannot tell a value from a key: the exception's
        // type does. An alias has no node of its own: its key is the last one before it.
        var at = (e.Start.Line, e.Start.Column);
        var atKey = e is not ShapeCheck.Mismatch && _keys.ContainsKey(at);
        var path = (atKey ? _keys : _values).GetValueOrDefault(at) ?? _keys.Where(k => k.Key.CompareTo(at) < 0).MaxBy(k => k.Key).Value;
        var problem = e switch
        {
            ShapeCheck.Mismatch => e.Message,

            // The deserializer's only error of its own at a key: duplicates already failed in the representation model.
            { InnerException: null } when atKey => "unknown key",

            // An alias (*name) to a section of another kind.
            { InnerException: { } inner } when atKey => $"cannot hold this value ({inner.Message})",
            _ => (e.InnerException ?? e).Message.Split('\n')[0],
        };
        return new ScenarioException($"{_file}:{e.Start.Line}: {(path is null ? "" : path + ": ")}{problem}", e);
    }

    /// <summary>An error about the value at <paramref name="path"/>, at its line.</summary>
    public ScenarioException Error(string path, string problem) =>
        new($"{_file}:{Line(path)}: {path}: {problem}");

    /// <summary>An error about a whole section, without a line (all stages together), as these always were.</summary>
    public ScenarioException FileError(string path, string problem) =>
        new($"{_file}: {path}: {problem}");

    /// <summary>An error for a required key that is missing, at the line of the mapping that should hold it.</summary>
    public ScenarioException Missing(string path, string why) =>
        new($"{_file}:{Line(Parent(path))}: {path}: missing ({why})");

    /// <summary>The text at <paramref name="path"/>; null when the key is absent; an error when it is there with no value.</summary>
    public string? Text(string? text, string path) =>
        !string.IsNullOrEmpty(text) ? text
        : _nodes.ContainsKey(path) ? throw Error(path, "has no value")
        : null;

    /// <summary>The text of a required key.</summary>
    public string Required(string? text, string path, string why) =>
        Text(text, path) ?? throw Missing(path, why);

    /// <summary>A whole number within bounds.</summary>
    public int? Int(string? text, string path, int min, int max) =>
        (int?)InRange<long>(text, path, (string t, out long v) => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out v), "a whole number", min, max, n => n.ToString(CultureInfo.InvariantCulture));

    /// <summary>A finite number within bounds.</summary>
    public double? Double(string? text, string path, double min, double max) =>
        InRange(text, path, (string t, out double v) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v), "a number", min, max, n => n.ToString(CultureInfo.InvariantCulture));

    /// <summary>A duration with its unit (<see cref="DurationText"/>), which no YAML type has, within bounds.</summary>
    public TimeSpan? Duration(string? text, string path, TimeSpan min, TimeSpan max) =>
        InRange(text, path, DurationText.TryParse, "a duration such as 500ms, 10s or 2m", min, max, DurationText.Format);

    /// <summary>true/false, and the YAML 1.1 yes/no/on/off that scenario files have always taken (YamlDotNet's own also takes y and n).</summary>
    public bool? Bool(string? text, string path) => Text(text, path)?.ToLowerInvariant() switch
    {
        null => null,
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw Error(path, $"expected true or false, got '{text}'"),
    };

    /// <summary>A value checked by <paramref name="parse"/>, which says what is wrong with it.</summary>
    public T? Choice<T>(string? text, string path, Func<string, (bool Ok, T Value, string Error)> parse)
        where T : class
    {
        if (Text(text, path) is not { } t)
        {
            return null;
        }

        var (ok, value, error) = parse(t);
        return ok ? value : throw Error(path, error);
    }

    /// <summary>One of <paramref name="names"/>, any case: the kebab-case names users type, which are not the enums' own.</summary>
    public TEnum? Enum<TEnum>(string? text, string path, IReadOnlyList<(string Name, TEnum Value)> names)
        where TEnum : struct, System.Enum
    {
        if (Text(text, path) is not { } t)
        {
            return null;
        }

        foreach (var (name, value) in names)
        {
            if (string.Equals(name, t, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Error(path, $"'{t}' is not one of: {string.Join(", ", names.Select(n => n.Name))}");
    }

    /// <summary>Text, parsed by <paramref name="parse"/> as <paramref name="expected"/>, then held to its bounds; the error shows the text as written.</summary>
    private T? InRange<T>(string? text, string path, TryParse<T> parse, string expected, T min, T max, Func<T, string> format)
        where T : struct, IComparable<T>
    {
        if (Text(text, path) is not { } t)
        {
            return null;
        }

        if (!parse(t, out var v))
        {
            throw Error(path, $"expected {expected}, got '{t}'");
        }

        return v.CompareTo(min) >= 0 && v.CompareTo(max) <= 0 ? v : throw Error(path, $"{t} is out of range ({format(min)} to {format(max)})");
    }

    private static string Parent(string path) => path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))];

    private long Line(string path) => _nodes.TryGetValue(path, out var node) ? node.Start.Line : 1;

    private void Index(YamlNode node, string path)
    {
        // An alias repeats a node, and its marks, under a second path: errors at those marks name the first.
        _nodes[path] = node;
        _values.TryAdd((node.Start.Line, node.Start.Column), path);
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (k, v) in mapping.Children)
                {
                    var key = (path.Length == 0 ? "" : path + ".") + (k as YamlScalarNode)?.Value;
                    _keys.TryAdd((k.Start.Line, k.Start.Column), key);
                    Index(v, key);
                }

                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    Index(list.Children[i], $"{path}[{i}]");
                }

                break;
        }
    }
}
