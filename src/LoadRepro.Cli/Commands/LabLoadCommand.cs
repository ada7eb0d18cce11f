using System.CommandLine;
using LoadRepro.Load.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LoadRepro.Load.Engine;
using LoadRepro.Pipeline.Lab;
using LoadRepro.Pipeline.Loads;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Cli.Commands;

/// <summary>
/// <c>loadrepro lab-load</c> (hidden): the load alone, run by a lab run inside its client namespace. Writes the client summary
/// and its per-second rows as JSON, prints DONE, and exits when its stdin closes (bounded), so the run can still read this namespace while it drains.
/// </summary>
public static class LabLoadCommand
{
    private static readonly TimeSpan LingerBound = TimeSpan.FromMinutes(6);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var request = new Option<string>("--request") { Description = "The load request (JSON) written by the lab run.", Required = true };
        var summary = new Option<string>("--summary") { Description = "Where to write the client summary (JSON).", Required = true };
        var command = new Command("lab-load", "Internal: the load of a lab run, inside its client namespace.") { Hidden = true };
        command.Options.Add(request);
        command.Options.Add(summary);
        command.SetAction(async (parse, ct) =>
        {
            LabLoadRequest req;
            try
            {
                req = JsonSerializer.Deserialize<LabLoadRequest>(File.ReadAllText(parse.GetValue(request)!), LabLoadRequest.Json)
                    ?? throw new JsonException("empty");
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                throw new UserFacingException($"lab-load: cannot read the request: {e.Message}", e);
            }

            if (!LabAddresses.TryParseListen(req.Address, out var address))
            {
                throw new UserFacingException($"lab-load: '{req.Address}' is not a loopback or lab address");
            }

            var target = new LoadTarget
            {
                EndPoint = new IPEndPoint(address, req.Port),
                Host = string.Create(CultureInfo.InvariantCulture, $"{req.Address}:{req.Port}"),
                Path = req.Load.Path,
                Tls = req.Tls,
            };
            await using var runner = new LoadRunner(req.Load, target);
            Console.Out.WriteLine(LoadChild.StartedLine);
            using var stopProgress = new CancellationTokenSource();
            var progress = ReportProgressAsync(runner, stopProgress.Token);
            try
            {
                await runner.RunAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }

            await stopProgress.CancelAsync();
            await progress;
            var result = new LoadChildResult { Client = runner.Summarize(), Seconds = runner.TimeSeries.Rows, KindsByPort = runner.Metrics.KindsByPort(), LatencyLog = LatencyLog.Render(runner.Metrics.Histograms(), DateTimeOffset.UtcNow) };
            AtomicFile.WriteAllText(parse.GetValue(summary)!, JsonSerializer.Serialize(result, LabLoadRequest.Json));
            Console.Out.WriteLine(LoadChild.DoneLine);
            await Console.Out.FlushAsync(CancellationToken.None);

            // Stay in the namespace until the run has sampled its drain; the run closes stdin (or dies) to end it.
            await Task.WhenAny(Console.In.ReadToEndAsync(CancellationToken.None), Task.Delay(LingerBound, CancellationToken.None));

            return ExitCodes.Passed;
        });
        return command;
    }

    private static async Task ReportProgressAsync(LoadRunner runner, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                Console.Out.WriteLine(LoadChild.ProgressPrefix + JsonSerializer.Serialize(runner.Metrics.Progress(), LabLoadRequest.Json));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
