using LoadRepro.Core.Modes;
using LoadRepro.Server.Http;
using Microsoft.AspNetCore.Connections;

namespace LoadRepro.Server.Hosting;

/// <summary>Connection middleware that counts the connections of a stack from accept to close, whatever the protocol above does.</summary>
public static class ConnectionCensus
{
    /// <summary>The middleware for the listener of <paramref name="stack"/>; on close it also drops the HTTP stack's per-connection state.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> For(StackKind stack, ServerCounters counters, HttpRequestPolicy policy) =>
        next => async connection =>
        {
            counters.Opened(stack);
            try
            {
                await next(connection);
            }
            finally
            {
                counters.Closed(stack);
                if (stack == StackKind.Http)
                {
                    policy.Forget(connection.ConnectionId);
                }
            }
        };
}
