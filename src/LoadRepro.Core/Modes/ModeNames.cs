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

    /// <summary>Every stack with its name.</summary>
    public static IReadOnlyList<(string Name, StackKind Stack)> Stacks { get; } = [("raw", StackKind.Raw), ("http", StackKind.Http)];

    /// <summary>The name of a stack as users type it.</summary>
    public static string Name(StackKind stack) => stack == StackKind.Raw ? "raw" : "http";

    /// <summary>
    /// The stack a bug lives on, so the load is aimed where the bug is: socket-level bugs (and <c>none</c>) on the raw
    /// handler, application-level bugs (a handler, a file, an HttpClient) on Kestrel's HTTP stack.
    /// </summary>
    public static StackKind StackOf(BugMode bug) => bug switch
    {
        BugMode.HangHandler or BugMode.LeakFile or BugMode.OutboundPerRequest => StackKind.Http,
        _ => StackKind.Raw,
    };

    /// <summary>Parses a stack name (<c>raw</c> or <c>http</c>); false when the name is unknown.</summary>
    public static bool TryParseStack(string text, out StackKind stack)
    {
        foreach (var (name, value) in Stacks)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                stack = value;
                return true;
            }
        }

        stack = StackKind.Raw;
        return false;
    }

    /// <summary>Parses a whole number written in the invariant culture.</summary>
    public static bool TryParseCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
