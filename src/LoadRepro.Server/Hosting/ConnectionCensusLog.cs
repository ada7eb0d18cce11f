using LoadRepro.Core.Naming;
using LoadRepro.Server.Bugs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadRepro.Server.Hosting;

/// <summary>Logs the open connections by stack, with the modes in force, every <see cref="ServerDefaults.CensusInterval"/>.</summary>
internal sealed class ConnectionCensusLog : BackgroundService
{
    /// <summary>The event name of a census line in the log.</summary>
    public const string EventName = "OpenConnections";

    private readonly ServerModes _modes;
    private readonly ServerCounters _counters;
    private readonly LeakedConnectionRegistry _held;
    private readonly LeakedFileRegistry _files;
    private readonly ILogger<ConnectionCensusLog> _logger;

    public ConnectionCensusLog(ServerModes modes, ServerCounters counters, LeakedConnectionRegistry held, LeakedFileRegistry files, ILogger<ConnectionCensusLog> logger)
    {
        _modes = modes;
        _counters = counters;
        _held = held;
        _files = files;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ServerDefaults.CensusInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            _logger.LogInformation(
                "{Event}: raw {RawOpen}, http {HttpOpen} open (bug {Bug}, keep-alive {KeepAlive}); held {Held}, leaked files {LeakedFiles}, hung requests {HungRequests}",
                EventName, _counters.RawOpen, _counters.HttpOpen, KebabNames.Name(_modes.Bug), _modes.KeepAlive.ToString(), _held.Count, _files.Count, _counters.HungRequests);
        }
    }
}
