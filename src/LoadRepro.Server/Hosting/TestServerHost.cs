using System.Net;
using LoadRepro.Core.Modes;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Metrics;
using LoadRepro.Server.Raw;
using LoadRepro.Server.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace LoadRepro.Server.Hosting;

/// <summary>Runs the test server in this process until it is stopped (SIGTERM, Ctrl-C, the parent gone, or the token).</summary>
public static class TestServerHost
{
    /// <summary>Starts the server, prints the readiness line on <paramref name="stdout"/>, and waits for shutdown.</summary>
    /// <exception cref="FileLimitException">The descriptor limit cannot be set.</exception>
    /// <exception cref="AddressInUseException">The port is taken.</exception>
    public static async Task RunAsync(ServerOptions options, TextWriter stdout, CancellationToken ct)
    {
        var limit = FileLimit.Apply(options.MaxFds);
        using var logger = ServerLogging.Create(options.LogFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ServerModes>();
        builder.Services.AddSingleton<LeakedConnectionRegistry>();
        builder.Services.AddSingleton<AcceptFailureLog>();
        builder.Services.AddSingleton<IConnectionListenerFactory, AcceptReportingListenerFactory>();
        if (options.ParentPid is { } parent)
        {
            builder.Services.AddHostedService(sp => new ParentWatch(parent, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<ParentWatch>>()));
        }

        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, options.Port, l => l.UseConnectionHandler<RawHttpConnectionHandler>());
        });

        PrometheusEndpoint.Listen(builder);
        await using var app = builder.Build();
        PrometheusEndpoint.Map(app);
        var leaked = app.Services.GetRequiredService<LeakedConnectionRegistry>();
        app.Lifetime.ApplicationStopping.Register(leaked.ReleaseAll);
        await app.StartAsync(ct);
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        app.Logger.LogInformation("Test server listening on 127.0.0.1:{Port} with bug {Bug}, keep-alive {KeepAlive}, descriptor limit {MaxFds}",
            port, ModeNames.Name(options.Bug), options.KeepAlive.ToString(), limit);
        await stdout.WriteLineAsync(ReadinessLine.Format(port, Environment.ProcessId, ModeNames.Name(options.Bug), options.KeepAlive.ToString(), limit));
        await stdout.FlushAsync(ct);
        await app.WaitForShutdownAsync(ct);
        await app.Services.GetRequiredService<AcceptFailureLog>().DisposeAsync();
    }
}
