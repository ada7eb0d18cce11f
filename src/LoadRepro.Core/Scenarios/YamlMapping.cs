using System.Globalization;
using LoadRepro.Core.Modes;
using YamlDotNet.RepresentationModel;

namespace LoadRepro.Core.Scenarios;

/// <summary>
/// Reads one YAML mapping strictly: every key must be asked for, every value must have the right type,
/// and each error names the file, line and full key.
/// </summary>
internal sealed class YamlMapping
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly string _prefix;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMapping(YamlMappingNode node, string file, string prefix)
    {
        _node = node;
        _file = file;
        _prefix = prefix;
    }

    public string? String(string key)
    {
        var node = Scalar(key);
        return node?.Value;
    }

    public int? Int(string key, int min, int max)
    {
        var node = Scalar(key);
        if (node is null)
        {
            return null;
        }

        if (!long.TryParse(node.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            throw Error(node, key, $"expected a whole number, got '{node.Value}'");
        }

        if (v < min || v > max)
        {
            throw Error(node, key, $"{v} is out of range ({min} to {max})");
        }

        return (int)v;
    }

    public double? Double(string key, double min, double max)
    {
        var node = Scalar(key);
        if (node is null)
        {
            return null;
        }

        if (!double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
        {
            throw Error(node, key, $"expected a number, got '{node.Value}'");
        }

        if (v < min || v > max)
        {
            throw Error(node, key, $"{node.Value} is out of range ({min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)})");
        }

        return v;
    }

    public bool? Bool(string key)
    {
        var node = Scalar(key);
        if (node is null)
        {
            return null;
        }

        return node.Value?.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(node, key, $"expected true or false, got '{node.Value}'"),
        };
    }

    public TimeSpan? Duration(string key, TimeSpan min, TimeSpan max)
    {
        var node = Scalar(key);
        if (node is null)
        {
            return null;
        }

        if (!DurationText.TryParse(node.Value ?? "", out var v))
        {
            throw Error(node, key, $"expected a duration such as 500ms, 10s or 2m, got '{node.Value}'");
        }

        if (v < min || v > max)
        {
            throw Error(node, key, $"{node.Value} is out of range ({DurationText.Format(min)} to {DurationText.Format(max)})");
        }

        return v;
    }

    public T? Choice<T>(string key, Func<string, (bool Ok, T Value, string Error)> parse)
        where T : class
    {
        var node = Scalar(key);
        if (node is null)
        {
            return null;
        }

        var (ok, value, error) = parse(node.Value ?? "");
        return ok ? value : throw Error(node, key, error);
    }

    public TEnum? Enum<TEnum>(string key, IReadOnlyList<(string Name, TEnum Value)> names)
        where TEnum : struct, System.Enum
    {
        var node = Scalar(key);
        if (node is null)
        {
            return null;
        }

        foreach (var (name, value) in names)
        {
            if (string.Equals(name, node.Value, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Error(node, key, $"'{node.Value}' is not one of: {string.Join(", ", names.Select(n => n.Name))}");
    }

    public YamlMapping? Mapping(string key)
    {
        var node = Value(key);
        return node switch
        {
            null => null,
            YamlMappingNode m => new YamlMapping(m, _file, Full(key) + "."),
            _ => throw Error(node, key, "expected a mapping of keys (key: value)"),
        };
    }

    /// <summary>A list of mappings (<c>key: [{a: 1}, {a: 2}]</c>); each item's keys are named <c>key[i].name</c> in errors.</summary>
    public IReadOnlyList<YamlMapping>? MappingList(string key)
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw Error(node, key, "expected a non-empty list of mappings, e.g. [{duration: 2s, rate: 100}]");
        }

        var items = new List<YamlMapping>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            items.Add(list.Children[i] is YamlMappingNode m
                ? new YamlMapping(m, _file, $"{Full(key)}[{i}].")
                : throw Error(list.Children[i], $"{key}[{i}]", "expected a mapping of keys (key: value)"));
        }

        return items;
    }

    /// <summary>The file, for errors about the mapping as a whole.</summary>
    public string File => _file;

    /// <summary>True when the key is present (and counts it as read).</summary>
    public bool Has(string key) => Value(key) is not null;

    /// <summary>An error for a required key that is missing, at the mapping's line.</summary>
    public ScenarioException Missing(string key, string why) =>
        new($"{_file}:{_node.Start.Line}: {Full(key)}: missing ({why})");

    /// <summary>Fails on the first key that nothing asked for.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (k, _) in _node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!_read.Contains(name))
            {
                throw new ScenarioException($"{_file}:{k.Start.Line}: {_prefix}{name}: unknown key");
            }
        }
    }

    /// <summary>Every entry of a mapping whose keys are free (sysctl names), each value a single scalar; marks them all read.</summary>
    public IReadOnlyList<(string Key, string Value, int Line)> ScalarEntries()
    {
        var entries = new List<(string, string, int)>();
        foreach (var (k, v) in _node.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            _read.Add(key);
            if (v is not YamlScalarNode { Value: { Length: > 0 } value })
            {
                throw Error(v, key, "expected a single value, not a list, a mapping or nothing");
            }

            entries.Add((key, value, (int)k.Start.Line));
        }

        return entries;
    }

    public ScenarioException Error(YamlNode node, string key, string problem) =>
        new($"{_file}:{node.Start.Line}: {Full(key)}: {problem}");

    private string Full(string key) => _prefix + key;

    private YamlNode? Value(string key)
    {
        _read.Add(key);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    private YamlScalarNode? Scalar(string key)
    {
        var node = Value(key);
        return node switch
        {
            null => null,
            YamlScalarNode s when string.IsNullOrEmpty(s.Value) => throw Error(node, key, "has no value"),
            YamlScalarNode s => s,
            _ => throw Error(node, key, "expected a single value, not a list or mapping"),
        };
    }
}
