using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadRepro.Pipeline.Lab;

/// <summary>
/// The names of one run's namespaces and veth ends. They carry the PID of the run that owns them
/// (<c>lr-PID-srv</c>, <c>lr-PID-cli</c>, <c>lr-PID-s</c>, <c>lr-PID-c</c>), so a lab whose owner is gone can be found and removed.
/// </summary>
public sealed partial record LabNames(int OwnerPid)
{
    /// <summary>The server's namespace.</summary>
    public string ServerNamespace => $"lr-{OwnerPid}-srv";

    /// <summary>The client's namespace.</summary>
    public string ClientNamespace => $"lr-{OwnerPid}-cli";

    /// <summary>The veth end in the server's namespace (interface names have at most 15 characters).</summary>
    public string ServerLink => $"lr-{OwnerPid}-s";

    /// <summary>The veth end in the client's namespace.</summary>
    public string ClientLink => $"lr-{OwnerPid}-c";

    /// <summary>The owner's PID when <paramref name="name"/> is a lab namespace or veth name; null otherwise.</summary>
    public static int? OwnerOf(string name)
    {
        var m = LabName().Match(name);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    [GeneratedRegex(@"^lr-([0-9]{1,7})-(srv|cli|s|c)$")]
    private static partial Regex LabName();
}
