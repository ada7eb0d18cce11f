using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadRepro.Server.Hosting;

/// <summary>
/// Stops the server when its standard input reads <c>stop</c> or ends. The harness stops its server this way, not with
/// SIGTERM: .NET hands SIGTERM to a thread it starts for the purpose, and at the descriptor limit the runtime cannot start
/// a thread (it prints "Out of memory." and aborts). Reading stdin needs no new descriptor and no new thread: the reader
/// is a thread of its own, started with the server.
/// </summary>
public sealed class StdinStop : IHostedService
{
    /// <summary>The event name of its log line.</summary>
    public const string EventName = "StopAsked";

    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<StdinStop> _logger;

    /// <summary>Stops <paramref name="lifetime"/> when asked; says so in <paramref name="logger"/>.</summary>
    public StdinStop(IHostApplicationLifetime lifetime, ILogger<StdinStop> logger)
    {
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        new Thread(ReadUntilStop) { IsBackground = true, Name = "stdin stop" }.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void ReadUntilStop()
    {
        string? line;
        while ((line = Console.In.ReadLine()) is not null && line.Trim() != "stop")
        {
        }

        _logger.LogInformation("{Event}: {Why}", EventName, line is null ? "standard input ended" : "'stop' on standard input");
        _lifetime.StopApplication();
    }
}
