using System.Globalization;
using LoadRepro.Core.Naming;

namespace LoadRepro.Core.Modes;

/// <summary>The modes' names in lists (scenario files, help, errors), the stack each bug lives on, and counts as users type them.</summary>
public static class ModeNames
{
    /// <summary>Every bug mode with its name, in the order of the catalogue.</summary>
    public static IReadOnlyList<(string Name, BugMode Mode)> Bugs { get; } = KebabNames.All<BugMode>();

    /// <summary>Every bug name, in the order of the catalogue.</summary>
    public static IReadOnlyList<string> BugNames { get; } = Bugs.Select(b => b.Name).ToArray();

    /// <summary>Every stack with its name.</summary>
    public static IReadOnlyList<(string Name, StackKind Stack)> Stacks { get; } = KebabNames.All<StackKind>();

    /// <summary>
    /// The stack a bug lives on, so the load is aimed where the bug is: socket-level bugs (and <c>none</c>) on the raw
    /// handler, application-level bugs (a handler, a file, an HttpClient) on Kestrel's HTTP stack.
    /// </summary>
    public static StackKind StackOf(BugMode bug) => bug switch
    {
        BugMode.HangHandler or BugMode.LeakFile or BugMode.OutboundPerRequest => StackKind.Http,
        _ => StackKind.Raw,
    };

    /// <summary>The bugs that can be put on one path only (<c>--bug-path</c>, <c>server.bugPath</c>): the raw handler's, which act on a connection.</summary>
    public static IReadOnlyList<BugMode> PathScoped { get; } = [BugMode.IgnorePeerFin, BugMode.SlowClose];

    /// <summary>Why a bug path cannot go with <paramref name="bug"/>; null when it can.</summary>
    public static string? BugPathProblem(BugMode bug) => PathScoped.Contains(bug)
        ? null
        : $"a bug path applies to {string.Join(" and ", PathScoped.Select(KebabNames.Name))}, not to {KebabNames.Name(bug)}";

    /// <summary>Parses a whole number written in the invariant culture.</summary>
    public static bool TryParseCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
