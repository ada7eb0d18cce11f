using System.CommandLine;
using LoadRepro.Pipeline.Lab;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro lab clean</c>: removes labs (namespaces, veth pairs) left by runs that were killed.</summary>
public static class LabCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var clean = new Command("clean", "Remove lab namespaces and veth pairs (lr-PID-*) whose run is gone. Needs root.");
        clean.SetAction(_ =>
        {
            LabEnvironment.RequireRoot();
            var removed = StaleLabs.Clean();
            Console.Out.WriteLine(removed.Count == 0 ? "no stale lab found" : $"removed {string.Join(", ", removed)}");
            return ExitCodes.Passed;
        });
        return new Command("lab", "The network-namespace lab (see 'loadrepro run NAME --lab').") { clean };
    }
}
