using System.Globalization;
using System.Net;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoadRepro.Server.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format (exported by prometheus-net from <see cref="ServerMetrics"/>), on a port of its own on 127.0.0.1, switched on by the
/// <see cref="PortVariable"/> environment variable (containers set it; runs on a workstation leave it off). A port of
/// its own keeps the endpoint under test a raw connection handler, and scrapes out of the server's measured traffic.
/// </summary>
public static class PrometheusEndpoint
{
    /// <summary>The environment variable holding the metrics port (1-65535, or 0 for a free one); unset or empty: no metrics listener.</summary>
    public const string PortVariable = "LOADREPRO_METRICS_PORT";

    /// <summary>The path scraped.</summary>
    public const string Path = "/metrics";

    /// <summary>The content type of the Prometheus text exposition format, version 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Adds the metrics listener when <see cref="PortVariable"/> is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The variable is not a port number.</exception>
    public static void Listen(WebApplicationBuilder builder)
    {
        if (ConfiguredPort() is { } port)
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        }
    }

    /// <summary>Maps <c>GET /metrics</c> when <see cref="PortVariable"/> is set.</summary>
    public static void Map(WebApplication app)
    {
        if (ConfiguredPort() is null)
        {
            return;
        }

        var metrics = new ServerMetrics(app.Services.GetRequiredService<LeakedConnectionRegistry>(), app.Services.GetRequiredService<AcceptFailureLog>());
        app.MapGet(Path, async context =>
        {
            context.Response.ContentType = ContentType;
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
    }

    private static int? ConfiguredPort()
    {
        var text = Environment.GetEnvironmentVariable(PortVariable);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentOutOfRangeException(PortVariable, text, $"{PortVariable} must be a port number (1-65535, or 0 for a free one)");
    }
}
