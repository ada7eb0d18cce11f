using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Sysctls;

/// <summary>
/// Reads sysctls from a sysctl tree: <c>/proc/sys</c>, whose net.* settings are those of the reader's network namespace,
/// or any folder laid out like it (a copy, a test's).
/// </summary>
/// <param name="root">The folder to read under; <see cref="DefaultRoot"/> unless told.</param>
public sealed class SysctlReader(string root = SysctlReader.DefaultRoot)
{
    /// <summary>The usual root of the sysctl tree.</summary>
    public const string DefaultRoot = "/proc/sys";

    /// <summary>The folder read under.</summary>
    public string Root { get; } = root;

    /// <summary>The value of the sysctl named <paramref name="dottedName"/> (e.g. <c>net.ipv4.tcp_tw_reuse</c>), whitespace normalised; null when it cannot be read.</summary>
    /// <remarks>Absent, unreadable and a folder in its place are one answer: the caller reports the setting as not there rather than guess.</remarks>
    public string? Read(string dottedName)
    {
        try
        {
            return Normalize(File.ReadAllText(Path.Combine(Root, SysctlProfile.PathOf(dottedName))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// A value as the kernel prints it with its whitespace collapsed: one space between fields, none around them
    /// (ip_local_port_range prints a tab between its two ports, every value ends in a newline).
    /// </summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
