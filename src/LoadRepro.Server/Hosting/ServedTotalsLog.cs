using Microsoft.Extensions.Logging;

namespace LoadRepro.Server.Hosting;

/// <summary>
/// The server's last log event, written once it has stopped: the requests it answered and the connections it accepted, by
/// stack. Final figures of its own, so what a run recorded from the client side (an interrupted one too) can be checked
/// against them.
/// </summary>
public static class ServedTotalsLog
{
    /// <summary>The event name of the line in the log.</summary>
    public const string EventName = "Served";

    /// <summary>Logs the totals in <paramref name="counters"/>.</summary>
    public static void Write(ILogger logger, ServerCounters counters) =>
        logger.LogInformation(
            "{Event}: raw {RawRequests}, http {HttpRequests} requests answered; raw {RawAccepted}, http {HttpAccepted} connections accepted",
            EventName, counters.RawRequests, counters.HttpRequests, counters.RawAccepted, counters.HttpAccepted);
}
