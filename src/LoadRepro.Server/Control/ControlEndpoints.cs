using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Hosting;
using LoadRepro.Server.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoadRepro.Server.Control;

/// <summary>
/// The control endpoint: <c>GET /modes</c> answers the modes, the idle limits in force, ports and counters as JSON; <c>POST /modes?bug=B&amp;keepAlive=K</c>
/// switches either or both at runtime and answers the new status. Loopback callers only (403 otherwise).
/// </summary>
public static class ControlEndpoints
{
    /// <summary>Adds the loopback check and the endpoints to the control listener's branch.</summary>
    public static void Configure(IApplicationBuilder branch, Func<ListenerPorts> ports)
    {
        branch.Use(async (context, next) =>
        {
            if (!ControlAccess.IsAllowed(context.Connection.RemoteIpAddress))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new ControlError("the control endpoint answers loopback callers only"), ControlJsonContext.Default.ControlError);
                return;
            }

            await next(context);
        });
        branch.UseRouting();
        branch.UseEndpoints(e =>
        {
            e.MapGet("/modes", (HttpContext context) => Results.Json(Status(context.RequestServices, ports()), ControlJsonContext.Default.ServerStatus));
            e.MapPost("/modes", (HttpContext context, ModeSwitch modeSwitch) =>
            {
                var query = context.Request.Query;
                BugMode? bug = null;
                KeepAliveMode? keepAlive = null;
                if (query.TryGetValue("bug", out var bugText))
                {
                    if (!KebabNames.TryParse<BugMode>(bugText.ToString(), out var b))
                    {
                        return Refuse($"bug: '{bugText}' is not a bug mode ({string.Join(", ", ModeNames.BugNames)})");
                    }

                    bug = b;
                }

                if (query.TryGetValue("keepAlive", out var keepAliveText))
                {
                    if (!KeepAliveMode.TryParse(keepAliveText.ToString(), out var k, out var error))
                    {
                        return Refuse($"keepAlive: {error}");
                    }

                    keepAlive = k;
                }

                if (bug is null && keepAlive is null)
                {
                    return Refuse("nothing to switch: give bug=NAME and/or keepAlive=MODE in the query string");
                }

                modeSwitch.Apply(bug, keepAlive, $"control endpoint, caller {context.Connection.RemoteIpAddress}");
                return Results.Json(Status(context.RequestServices, ports()), ControlJsonContext.Default.ServerStatus);
            });
        });
    }

    private static IResult Refuse(string why) =>
        Results.Json(new ControlError(why), ControlJsonContext.Default.ControlError, statusCode: StatusCodes.Status400BadRequest);

    private static ServerStatus Status(IServiceProvider services, ListenerPorts ports)
    {
        var modes = services.GetRequiredService<ServerModes>();
        var counters = services.GetRequiredService<ServerCounters>();
        return new ServerStatus
        {
            Bug = KebabNames.Name(modes.Bug),
            KeepAlive = modes.KeepAlive.ToString(),
            Stack = KebabNames.Name(modes.Stack),
            SlowCloseMs = modes.SlowCloseDelay.TotalMilliseconds,
            BugPath = modes.BugPath.Length == 0 ? null : System.Text.Encoding.ASCII.GetString(modes.BugPath),
            RawIdleTimeoutSeconds = modes.IdleTimeout?.TotalSeconds,
            HttpIdleTimeoutSeconds = services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.KeepAliveTimeout.TotalSeconds,
            Ports = ports,
            OpenConnections = new StackCounts(counters.RawOpen, counters.HttpOpen),
            AcceptedConnections = new StackCounts(counters.RawAccepted, counters.HttpAccepted),
            Requests = new StackCounts(counters.RawRequests, counters.HttpRequests),
            HeldConnections = services.GetRequiredService<LeakedConnectionRegistry>().Count,
            LeakedFiles = services.GetRequiredService<LeakedFileRegistry>().Count,
            HungRequests = counters.HungRequests,
            OutboundCalls = counters.OutboundCalls,
            AcceptFailures = new Dictionary<string, long>(services.GetRequiredService<AcceptFailureLog>().Totals, StringComparer.Ordinal),
        };
    }
}
