using System.CommandLine;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro list</c>: the named scenarios, one line each.</summary>
public static class ListCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("list", "List the named scenarios, one line each.");
        command.SetAction(_ =>
        {
            var catalog = ScenarioCatalog.Locate();
            var all = catalog.List();
            if (all.Count == 0)
            {
                throw new UserFacingException($"no scenarios found in {catalog.Folder}; set {ScenarioCatalog.FolderVariable} to the scenarios folder", ExitCodes.Environment);
            }

            var width = all.Max(s => s.Name.Length);
            foreach (var (name, scenario, error) in all)
            {
                var text = scenario is null ? $"INVALID: {error}" : scenario.Description + (scenario.Lab ? " (needs --lab)" : "");
                Console.Out.WriteLine($"{name.PadRight(width)}  {text}");
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
