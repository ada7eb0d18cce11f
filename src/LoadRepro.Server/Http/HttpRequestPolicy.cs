using System.Collections.Concurrent;
using LoadRepro.Core.Modes;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoadRepro.Server.Http;

/// <summary>
/// Runs before every endpoint of Kestrel's HTTP stack: the keep-alive modes Kestrel has no setting for (<c>off</c>,
/// <c>max-requests=N</c>) and the application-level bugs that strike on every request (<c>leak-file</c>,
/// <c>outbound-per-request</c>).
/// </summary>
public sealed class HttpRequestPolicy
{
    private readonly ServerModes _modes;
    private readonly ServerCounters _counters;
    private readonly LeakedFileRegistry _files;
    private readonly OutboundPerRequest _outbound;
    private readonly ILogger<HttpRequestPolicy> _logger;
    private readonly ConcurrentDictionary<string, int> _servedByConnection = new(StringComparer.Ordinal);
    private int _leakFailuresLogged;

    /// <summary>Creates the policy.</summary>
    public HttpRequestPolicy(ServerModes modes, ServerCounters counters, LeakedFileRegistry files, OutboundPerRequest outbound, ILogger<HttpRequestPolicy> logger)
    {
        _modes = modes;
        _counters = counters;
        _files = files;
        _outbound = outbound;
        _logger = logger;
    }

    /// <summary>Forgets a connection's request count when it ends.</summary>
    public void Forget(string connectionId) => _servedByConnection.TryRemove(connectionId, out _);

    /// <summary>The middleware.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        _counters.Request(StackKind.Http);
        var served = _servedByConnection.AddOrUpdate(context.Connection.Id, 1, static (_, n) => n + 1);

        // Kestrel already closes HTTP/1.0 connections without keep-alive; this covers the server's own choice.
        if (!_modes.KeepOpen(clientWantsKeepAlive: true, served))
        {
            context.Response.Headers.Connection = "close";
        }

        switch (_modes.Bug)
        {
            case BugMode.LeakFile:
                try
                {
                    _files.Leak();
                }
                catch (IOException e)
                {
                    // At the descriptor limit the open fails with EMFILE: the request fails, as in production.
                    if (Interlocked.Exchange(ref _leakFailuresLogged, 1) == 0)
                    {
                        _logger.LogWarning("{Event}: opening a file failed ({Reason}); {Held} files held open", "LeakFileFailed", e.Message, _files.Count);
                    }

                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    return;
                }

                break;
            case BugMode.OutboundPerRequest:
                try
                {
                    await _outbound.CallAsync(context.RequestAborted);
                }
                catch (HttpRequestException)
                {
                    context.Response.StatusCode = StatusCodes.Status502BadGateway;
                    return;
                }

                break;
        }

        await next(context);
    }
}
