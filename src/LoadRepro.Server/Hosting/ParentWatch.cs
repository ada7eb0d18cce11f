using LoadRepro.Core.Platform;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadRepro.Server.Hosting;

/// <summary>
/// Stops the server when the process that started it is gone, even if that process was killed with SIGKILL:
/// the harness must never leave a server behind. Polls getppid(), which needs no descriptor, so it works at EMFILE too.
/// </summary>
internal sealed class ParentWatch : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly int _parentPid;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<ParentWatch> _logger;

    public ParentWatch(int parentPid, IHostApplicationLifetime lifetime, ILogger<ParentWatch> logger)
    {
        _parentPid = parentPid;
        _lifetime = lifetime;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (Linux.ParentPid() != _parentPid)
            {
                _logger.LogWarning("Parent process {ParentPid} is gone: stopping", _parentPid);
                _lifetime.StopApplication();
                await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
                Environment.Exit(0);
            }
        }
    }
}
