using System.CommandLine;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro report RUN_DIR</c>: renders a run's reports again from its summary.json and samples.csv.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var runDir = new Argument<string>("run-dir") { Description = "A run directory (reports/<stamp>-<name>/) holding summary.json and samples.csv." };
        var command = new Command("report", "Render a run's reports (report.md, report.html) again from its summary.json and samples.csv.") { runDir };
        command.SetAction(parse =>
        {
            RunResult run;
            try
            {
                run = RunDirectoryReader.Read(parse.GetValue(runDir)!);
            }
            catch (InvalidDataException e)
            {
                throw new UserFacingException(e.Message, ExitCodes.BadInput, e);
            }

            foreach (var path in RunReports.Write(RunReports.Rendered, run.Directory, run.Record, run.Samples, run.Client))
            {
                Console.Out.WriteLine($"wrote {path}");
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
