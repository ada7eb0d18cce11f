using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace LoadRepro.Core.Scenarios;

/// <summary>Reads a sysctl profile strictly: <c>name</c>, <c>description</c>, and <c>sysctls</c> (dotted name: value).</summary>
public static partial class SysctlProfileParser
{
    /// <summary>The profile used when none is named: nothing written, the namespace's own defaults.</summary>
    public const string DefaultName = "kernel-default";

    private static readonly IDeserializer Deserializer = YamlSource.Deserializer();

    /// <summary>Reads a profile file.</summary>
    /// <exception cref="ScenarioException">Unreadable or invalid, with file, line and key.</exception>
    public static SysctlProfile ParseFile(string path)
    {
        return Parse(YamlSource.ReadFile(path, "profile"), path);
    }

    /// <summary>Parses profile YAML; <paramref name="file"/> names it in errors.</summary>
    public static SysctlProfile Parse(string yaml, string file)
    {
        var (dto, at) = YamlSource.Load<SysctlProfileDto>(Deserializer, yaml, file, "at least a 'name' key");
        var name = at.Required(dto.Name, "name", "every profile has a name");
        var description = at.Text(dto.Description, "description") ?? "";
        var sysctls = new List<KeyValuePair<string, string>>();
        foreach (var (key, text) in dto.Sysctls ?? [])
        {
            var path = "sysctls." + key;

            // Only the network stack's per-namespace settings: a profile must never change the host.
            if (!SysctlName().IsMatch(key))
            {
                throw at.Error(path, "not a per-namespace network sysctl (net.ipv4.* or net.core.*, e.g. net.ipv4.tcp_tw_reuse)");
            }

            var value = at.Required(text, path, "a sysctl value");
            if (value.Any(c => char.IsControl(c) || c is '\'' or '"' or '`' or '$' or ';' or '\\'))
            {
                throw at.Error(path, $"'{value}' is not a sysctl value (numbers and spaces)");
            }

            sysctls.Add(new(key, value));
        }

        return new SysctlProfile { Name = name, Description = description, Sysctls = sysctls };
    }

    [GeneratedRegex(@"^net\.(ipv4|core)\.[a-z0-9_]+$")]
    private static partial Regex SysctlName();
}
