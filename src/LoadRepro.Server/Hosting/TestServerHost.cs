using System.Net;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Control;
using LoadRepro.Server.Http;
using LoadRepro.Server.Metrics;
using LoadRepro.Server.Raw;
using LoadRepro.Server.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace LoadRepro.Server.Hosting;

/// <summary>
/// Runs the test server in this process until it is stopped (SIGTERM, Ctrl-C, the parent gone, or the token).
/// Five listeners on 127.0.0.1: the raw HTTP/1.x handler (socket-level bugs), Kestrel's HTTP stack (application-level
/// bugs), the control endpoint, the outbound endpoint that <c>outbound-per-request</c> calls, and the silent downstream
/// that <c>/hang</c> calls.
/// </summary>
public static class TestServerHost
{
    private static readonly byte[] OutboundBody = "ok\n"u8.ToArray();

    /// <summary>Starts the server, prints the readiness line on <paramref name="stdout"/>, and waits for shutdown.</summary>
    /// <exception cref="FileLimitException">The descriptor limit cannot be set.</exception>
    /// <exception cref="AddressInUseException">A port is taken.</exception>
    public static async Task RunAsync(ServerOptions options, TextWriter stdout, CancellationToken ct)
    {
        var limit = FileLimit.Apply(options.ApplyMaxFds ? options.Settings.MaxFds : null);
        RuntimeThreads.StartAll();
        using var logger = ServerLogging.Create(options.LogFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger);
        builder.Services.AddSingleton(options.Settings);
        builder.Services.AddSingleton<ServerModes>();
        builder.Services.AddSingleton<ServerCounters>();
        builder.Services.AddSingleton<ModeSwitch>();
        builder.Services.AddSingleton<LeakedConnectionRegistry>();
        builder.Services.AddSingleton<LeakedFileRegistry>();
        builder.Services.AddSingleton<SilentDownstream>();
        builder.Services.AddSingleton<OutboundPerRequest>();
        builder.Services.AddSingleton<HttpRequestPolicy>();
        builder.Services.AddSingleton(sp => new AcceptFailureLog(sp.GetRequiredService<ILogger<AcceptFailureLog>>(), stdout));
        builder.Services.AddSingleton<IConnectionListenerFactory, AcceptReportingListenerFactory>();
        builder.Services.AddHostedService<ConnectionCensusLog>();
        builder.Services.AddRouting();
        if (options.ParentPid is { } parent)
        {
            builder.Services.AddHostedService(sp => new ParentWatch(parent, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<ParentWatch>>()));
        }

        if (options.StopOnStdin)
        {
            builder.Services.AddHostedService<StdinStop>();
        }

        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        using var certificate = options.Settings.Tls ? TestCertificate.Create() : null;
        void UnderTest(ListenOptions l, StackKind of)
        {
            if (certificate is not null && of == options.Settings.EffectiveStack)
            {
                // After the census: it counts TCP connections, whatever their handshake does.
                l.UseHttps(certificate);
            }
        }

        ListenOptions? raw = null, http = null, control = null, outbound = null, downstream = null;
        builder.WebHost.ConfigureKestrel(k =>
        {
            var services = k.ApplicationServices;
            var counters = services.GetRequiredService<ServerCounters>();
            var policy = services.GetRequiredService<HttpRequestPolicy>();
            k.AddServerHeader = false;
            k.Limits.KeepAliveTimeout = ModeSwitch.KestrelIdleTimeout(services.GetRequiredService<ServerModes>());
            var stack = options.Settings.EffectiveStack;
            k.Listen(stack == StackKind.Raw ? options.Address : IPAddress.Loopback, stack == StackKind.Raw ? options.Port : 0, l =>
            {
                raw = l;
                l.Use(ConnectionCensus.For(StackKind.Raw, counters, policy));
                UnderTest(l, StackKind.Raw);
                l.UseConnectionHandler<RawHttpConnectionHandler>();
            });
            k.Listen(stack == StackKind.Http ? options.Address : IPAddress.Loopback, stack == StackKind.Http ? options.Port : 0, l =>
            {
                http = l;
                l.Protocols = HttpProtocols.Http1;
                l.Use(ConnectionCensus.For(StackKind.Http, counters, policy));
                UnderTest(l, StackKind.Http);
            });
            k.Listen(IPAddress.Loopback, options.ControlPort, l =>
            {
                control = l;
                l.Protocols = HttpProtocols.Http1;
            });
            k.Listen(IPAddress.Loopback, 0, l =>
            {
                outbound = l;
                l.Protocols = HttpProtocols.Http1;
            });
            k.Listen(IPAddress.Loopback, 0, l =>
            {
                downstream = l;
                l.UseConnectionHandler<SilentConnectionHandler>();
            });
        });

        PrometheusEndpoint.Listen(builder);
        await using var app = builder.Build();
        ListenerPorts? ports = null;
        ListenerPorts Ports() => ports ??= new ListenerPorts
        {
            Raw = raw!.IPEndPoint!.Port,
            Http = http!.IPEndPoint!.Port,
            Control = control!.IPEndPoint!.Port,
            Outbound = outbound!.IPEndPoint!.Port,
            Downstream = downstream!.IPEndPoint!.Port,
        };

        // Kestrel serves three HTTP listeners with one pipeline: each request goes to its listener's branch by local port.
        app.MapWhen(c => c.Connection.LocalPort == control!.IPEndPoint!.Port, b => ControlEndpoints.Configure(b, Ports));
        app.MapWhen(c => c.Connection.LocalPort == outbound!.IPEndPoint!.Port, b => b.Run(c => c.Response.Body.WriteAsync(OutboundBody, c.RequestAborted).AsTask()));
        app.MapWhen(c => c.Connection.LocalPort == http!.IPEndPoint!.Port, b =>
        {
            var policy = app.Services.GetRequiredService<HttpRequestPolicy>();
            b.UseRouting();
            b.Use(policy.InvokeAsync);
            b.UseEndpoints(HttpEndpoints.Map);
        });

        PrometheusEndpoint.Map(app);

        var leaked = app.Services.GetRequiredService<LeakedConnectionRegistry>();
        var files = app.Services.GetRequiredService<LeakedFileRegistry>();
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            leaked.ReleaseAll();
            files.ReleaseAll();
        });
        await app.StartAsync(ct);
        var bound = Ports();
        app.Services.GetRequiredService<OutboundPerRequest>().Target(bound.Outbound);
        app.Services.GetRequiredService<SilentDownstream>().Target(bound.Downstream);
        var settings = options.Settings;
        var bug = KebabNames.Name(settings.Bug);
        app.Logger.LogInformation(
            "Test server listening on {Address}: port under test {Port} ({Stack} stack); raw {RawPort}, http {HttpPort}, control {ControlPort}, outbound {OutboundPort}, downstream {DownstreamPort}; bug {Bug}, keep-alive {KeepAlive}, slow-close {SlowCloseMs} ms, descriptor limit {MaxFds}",
            options.Address, bound.Of(settings.EffectiveStack), KebabNames.Name(settings.EffectiveStack), bound.Raw, bound.Http, bound.Control, bound.Outbound, bound.Downstream, bug, settings.KeepAlive.ToString(), settings.SlowCloseDelay.TotalMilliseconds, limit);
        await stdout.WriteLineAsync(ReadinessLine.Format(bound, settings.EffectiveStack, Environment.ProcessId, bug, settings.KeepAlive.ToString(), limit, certificate is null ? null : TestCertificate.Sha256(certificate)));
        await stdout.FlushAsync(ct);
        await app.WaitForShutdownAsync(ct);
        ServedTotalsLog.Write(app.Logger, app.Services.GetRequiredService<ServerCounters>());

        // The container disposes the AcceptFailureLog (its last flush) before the logger goes: disposing it here as
        // well made every SIGTERM end in ObjectDisposedException and exit code 70.
    }
}
