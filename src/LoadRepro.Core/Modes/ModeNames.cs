using System.Globalization;

namespace LoadRepro.Core.Modes;

/// <summary>The kebab-case names users type for modes, and their parsing.</summary>
public static class ModeNames
{
    /// <summary>Every bug mode with its name, in the order of the catalogue.</summary>
    public static IReadOnlyList<(string Name, BugMode Mode)> Bugs { get; } =
    [
        ("none", BugMode.None),
        ("ignore-peer-fin", BugMode.IgnorePeerFin),
        ("hang-handler", BugMode.HangHandler),
        ("leak-file", BugMode.LeakFile),
        ("slow-close", BugMode.SlowClose),
        ("outbound-per-request", BugMode.OutboundPerRequest),
    ];

    /// <summary>Every bug name, in the order of the catalogue.</summary>
    public static IReadOnlyList<string> BugNames { get; } = Bugs.Select(b => b.Name).ToArray();

    /// <summary>The name of a bug mode as users type it.</summary>
    public static string Name(BugMode mode) => Bugs.First(b => b.Mode == mode).Name;

    /// <summary>Parses a bug name; false when the name is unknown.</summary>
    public static bool TryParseBug(string text, out BugMode mode)
    {
        foreach (var (name, value) in Bugs)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                mode = value;
                return true;
            }
        }

        mode = BugMode.None;
        return false;
    }

    /// <summary>Parses a whole number written in the invariant culture.</summary>
    public static bool TryParseCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
