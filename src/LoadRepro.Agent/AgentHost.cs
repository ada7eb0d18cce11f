using System.Diagnostics;
using System.Globalization;
using LoadRepro.Core.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace LoadRepro.Agent;

/// <summary>
/// <c>loadrepro agent</c>: samples the target at a fixed interval and serves <c>GET /metrics</c> (Prometheus text format)
/// and <c>GET /samples?after=N</c> (JSON, <see cref="AgentSamplesPage"/>) until cancelled.
/// </summary>
public static class AgentHost
{
    /// <summary>Runs the agent until <paramref name="ct"/> is cancelled; <paramref name="ready"/> is called once it listens.</summary>
    public static async Task RunAsync(AgentOptions options, Action<Uri> ready, CancellationToken ct)
    {
        using var target = new AgentTarget(options.Pid, options.TargetPort ?? 0);
        var metrics = new AgentMetrics(target.Port);
        var stream = new KeptSamples(options.Keep);
        var token = options.Token is { } t ? new BearerToken(t) : null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.Listen));
        await using var app = builder.Build();
        if (token is not null)
        {
            app.Use(async (context, next) =>
            {
                if (!token.Admits(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                await next(context);
            });
        }

        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapGet("/samples", (long? after) => Results.Json(
            new AgentSamplesPage(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), target.Processes.Select(p => p.Pid).ToArray(), target.Port, stream.After(after ?? 0)),
            AgentJson.Options));

        await app.StartAsync(ct);
        ready(new Uri(app.Urls.First()));
        var start = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(options.Interval);
        try
        {
            do
            {
                var sample = target.Take(Stopwatch.GetElapsedTime(start).TotalSeconds, SamplePhase.Load);
                stream.Add(sample, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                metrics.Record(sample, target.Processes);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
    }
}
