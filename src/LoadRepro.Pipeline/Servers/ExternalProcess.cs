using System.Diagnostics;
using System.Globalization;
using System.Net;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Load.Engine;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The user's own server as the run's target: watched, never started or stopped by us. Its exit (all of its processes
/// gone) is noticed by polling /proc (it is not our child, so there is no exit code to collect).
/// </summary>
public sealed class ExternalProcess : ITargetProcess
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private ExternalProcess(ExternalTarget target)
    {
        Pid = target.Pids[0];
        SampledPids = target.Pids;
        Port = target.Load.EndPoint.Port;
        EndPoint = target.Load.EndPoint;
        Host = target.Load.Host;
        Tls = target.Load.Tls;
        _watching = WatchAsync();
    }

    /// <inheritdoc />
    public int Pid { get; }

    /// <inheritdoc />
    public int Port { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> SampledPids { get; }

    /// <inheritdoc />
    public IPEndPoint EndPoint { get; }

    /// <inheritdoc />
    public string Host { get; }

    /// <inheritdoc />
    public TlsTarget? Tls { get; }

    /// <summary>Null: the user's server reports nothing; its limit is read from /proc by the sampler.</summary>
    public int? AppliedFdLimit => null;

    /// <inheritdoc />
    public string? ExitReason => ExitedByItself ? "the target process exited during the run" : null;

    /// <summary>Null: the user's server does not report its accept failures.</summary>
    public AcceptFailure? FirstAcceptFailure => null;

    /// <summary>Empty: the user's server does not report its accept failures.</summary>
    public IReadOnlyDictionary<string, long> AcceptFailures { get; } = new Dictionary<string, long>();

    /// <inheritdoc />
    public Task Exited => _exited.Task;

    /// <inheritdoc />
    public bool ExitedByItself { get; private set; }

    /// <inheritdoc />
    public long ExitTimestamp { get; private set; }

    /// <inheritdoc />
    public int? ExitCode => null;

    /// <summary>Does nothing: a signal to this run's process group never reaches the user's server, so its exit always counts.</summary>
    public void ExpectExit()
    {
    }

    /// <summary>Starts watching the target's process.</summary>
    public static ExternalProcess Watch(ExternalTarget target) => new(target);

    /// <summary>Stops watching; the process itself is left alone. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _watching;
    }

    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(Poll);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!SampledPids.Any(p => Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{p}"))))
                {
                    ExitTimestamp = Stopwatch.GetTimestamp();
                    ExitedByItself = true;
                    _exited.TrySetResult();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        _exited.TrySetResult();
    }
}
