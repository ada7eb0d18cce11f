using System.CommandLine;
using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline.Merging;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro merge DIR... [--out DIR]</c>: one run made of a scenario's segments (<c>run --segment i/n</c>).</summary>
public static class MergeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var runs = new Argument<string[]>("run-dirs") { Description = "The run directories of one scenario's segments (run --segment i/n), one per segment.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Folder for the merged run's directory, <stamp>-<scenario>-merged (default: reports/ beside scenarios/)." };
        var command = new Command("merge", "Merge the run directories of one scenario's segments into one run: latency histograms added exactly, client.csv added per wall-clock second, the server's samples from the first segment that has them. Exit 0 when the scenario's gates held on the whole load, 1 when one failed.")
        {
            runs, output,
        };
        command.SetAction(parse =>
        {
            var outcome = RunMerge.Merge(parse.GetValue(runs)!, parse.GetValue(output) ?? Path.Combine(ScenarioCatalog.Locate().ProjectRoot, "reports"));
            foreach (var warning in outcome.Warnings)
            {
                Console.Error.WriteLine(warning);
            }

            var record = outcome.Run.Record;
            var merged = record.Merged!;
            Console.Out.WriteLine(
                $"merged {merged.Segments.Count} of {merged.Count} segments of {record.Scenario}: {record.Client.RequestsOk + record.Client.RequestsFailed} requests " +
                $"({record.Client.RequestsOk} ok, {record.Client.RequestsFailed} failed), p99 {record.Client.LatencyMs.P99} ms; server samples from {merged.ServerSeriesFrom}");
            Console.Out.WriteLine($"diagnosis {KebabName(record)}; gates {(record.Passed ? "passed" : "failed")}");
            Console.Out.WriteLine($"report: {outcome.Run.Directory}");
            return record.Passed ? ExitCodes.Passed : ExitCodes.GateFailed;
        });
        return command;
    }

    private static string KebabName(Core.Records.RunRecord record) => Core.Naming.KebabNames.Name(record.Diagnosis.Kind);
}
