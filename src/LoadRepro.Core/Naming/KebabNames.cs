using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadRepro.Core.Naming;

/// <summary>
/// The one text form of the harness's enums, wherever they are typed, printed or stored: the member's name in kebab-case
/// (<c>KeepAlive</c> is <c>keep-alive</c>), or its <see cref="JsonStringEnumMemberNameAttribute"/> where the domain spells it
/// otherwise (<c>httpclient-per-request</c>). summary.json and compare.json write the same names, because their
/// <see cref="JsonStringEnumConverter"/> reads the same attribute and uses <see cref="Policy"/> (docs/ARCHITECTURE.md, "Run record").
/// </summary>
public static class KebabNames
{
    /// <summary>How a member without its own name is named: kebab-case, lower.</summary>
    public static JsonNamingPolicy Policy => JsonNamingPolicy.KebabCaseLower;

    /// <summary>The name of <paramref name="value"/>, e.g. <c>close-wait-leak</c>.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => Table<TEnum>.Names[value];

    /// <summary>Every member with its name, in the order the enum declares them.</summary>
    public static IReadOnlyList<(string Name, TEnum Value)> All<TEnum>()
        where TEnum : struct, Enum => Table<TEnum>.All;

    /// <summary>Parses a name as users type it (case and surrounding spaces do not matter); false when no member has it.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var (name, member) in Table<TEnum>.All)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = member;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The names of one enum, worked out once.</summary>
    private static class Table<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly IReadOnlyList<(string Name, TEnum Value)> All = Enum.GetValues<TEnum>().Select(v => (NameOf(v), v)).ToArray();

        public static readonly Dictionary<TEnum, string> Names = All.ToDictionary(m => m.Value, m => m.Name);

        private static string NameOf(TEnum value)
        {
            var field = typeof(TEnum).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)!;
            return field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? Policy.ConvertName(field.Name);
        }
    }
}
