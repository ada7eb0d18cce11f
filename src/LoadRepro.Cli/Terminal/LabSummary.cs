using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;

namespace LoadRepro.Cli.Terminal;

/// <summary>The result lines of a lab run: profile, sysctls in force, and the port-exhaustion prediction beside the measurement.</summary>
public static class LabSummary
{
    /// <summary>Prints the lines; nothing for a run on the host.</summary>
    public static void Print(TextWriter output, RunRecord record)
    {
        if (record.Lab is not { } lab)
        {
            return;
        }

        output.WriteLine($"  lab: {KebabNames.Name(lab.Network)}, profile {lab.Profile}, server namespace {lab.ServerNamespace}, client namespace {lab.ClientNamespace}");
        foreach (var s in lab.Sysctls)
        {
            output.WriteLine($"    {s.Name} = {s.Describe()}{(s.Requested is null ? "" : $" (profile: {s.Requested})")}{(s.Note is null ? "" : $"; {s.Note}")}");
        }

        if (lab.PortExhaustion is { } p)
        {
            output.WriteLine($"  ports: {p.Reason}");
        }
    }
}
