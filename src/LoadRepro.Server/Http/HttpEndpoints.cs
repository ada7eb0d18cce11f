using LoadRepro.Core.Modes;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Hosting;
using LoadRepro.Server.Raw;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoadRepro.Server.Http;

/// <summary>The endpoints of Kestrel's HTTP stack: the same paths as the raw handler, as minimal API endpoints.</summary>
public static class HttpEndpoints
{
    private static readonly ReadOnlyMemory<byte> SmallBody = "ok\n"u8.ToArray();

    /// <summary>Maps <c>/</c>, <c>/bytes/N</c>, <c>/delay/MS</c> and <c>/hang</c>.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", WriteSmallAsync);
        endpoints.MapGet("/bytes/{n:int}", async (HttpContext context, int n) =>
        {
            if (n is < 0 or > RequestHeadParser.MaxArgument)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            await WriteBytesAsync(context.Response, n, context.RequestAborted);
        });
        endpoints.MapGet("/delay/{ms:int}", async (HttpContext context, int ms) =>
        {
            if (ms is < 0 or > RequestHeadParser.MaxArgument)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            await Task.Delay(ms, context.RequestAborted);
            await WriteSmallAsync(context);
        });
        endpoints.MapGet("/hang", HangAsync);
    }

    private static async Task HangAsync(HttpContext context, ServerModes modes, SilentDownstream downstream, ServerCounters counters)
    {
        counters.Hung(+1);
        try
        {
            if (modes.Bug == BugMode.HangHandler)
            {
                // The bug: the downstream call gets no token, so neither the client going away (RequestAborted) nor any
                // timeout ends it. The request and the downstream connection it holds stay until the process dies.
                try
                {
                    await downstream.CallAsync(CancellationToken.None);
                }
                catch (HttpRequestException)
                {
                    // Only the server stopping ends the wait: the downstream's connections are reset then.
                }

                return;
            }

            // The fix: the call honours RequestAborted and a timeout of its own, and the client gets a 504.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(ServerDefaults.DownstreamTimeout);
            try
            {
                await downstream.CallAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            }
        }
        finally
        {
            counters.Hung(-1);
        }
    }

    private static Task WriteSmallAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = SmallBody.Length;
        return context.Response.BodyWriter.WriteAsync(SmallBody, context.RequestAborted).AsTask();
    }

    private static async Task WriteBytesAsync(HttpResponse response, int n, CancellationToken ct)
    {
        response.ContentType = "text/plain";
        response.ContentLength = n;
        var left = n;
        while (left > 0)
        {
            var chunk = response.BodyWriter.GetMemory(Math.Min(left, 16384));
            var take = Math.Min(left, chunk.Length);
            chunk.Span[..take].Fill((byte)'x');
            response.BodyWriter.Advance(take);
            left -= take;
            if (response.BodyWriter.UnflushedBytes >= 65536)
            {
                await response.BodyWriter.FlushAsync(ct);
            }
        }
    }
}
