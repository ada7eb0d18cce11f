using System.Diagnostics;
using System.Net;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Load.Engine;
using LoadRepro.Pipeline.Agents;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The user's server on another host, as the run's target: loaded over the network, watched through the agent beside it. Its
/// processes are not this host's, so <see cref="SampledPids"/> is empty (nothing here reads their /proc or sockets); it has
/// exited when the agent's samples find it gone.
/// </summary>
public sealed class AgentWatchedProcess : ITargetProcess
{
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AgentFeed _feed;
    private volatile bool _stopped;

    /// <summary>Watches the server at <paramref name="target"/> through <paramref name="feed"/>.</summary>
    public AgentWatchedProcess(LoadTarget target, AgentFeed feed)
    {
        _feed = feed;
        Pid = feed.Pids.Count > 0 ? feed.Pids[0] : 0;
        Port = target.EndPoint.Port;
        EndPoint = target.EndPoint;
        Host = target.Host;
        Tls = target.Tls;
        _ = feed.TargetGone.ContinueWith(t => Gone(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>The first process the agent samples, on its host.</summary>
    public int Pid { get; }

    /// <summary>Empty: the server's processes are on the agent's host.</summary>
    public IReadOnlyList<int> SampledPids { get; } = [];

    /// <inheritdoc />
    public int Port { get; }

    /// <inheritdoc />
    public IPEndPoint EndPoint { get; }

    /// <inheritdoc />
    public string Host { get; }

    /// <inheritdoc />
    public TlsTarget? Tls { get; }

    /// <summary>Null: the limit is the one in the agent's samples.</summary>
    public int? AppliedFdLimit => null;

    /// <inheritdoc />
    public Task Exited => _exited.Task;

    /// <inheritdoc />
    public bool ExitedByItself { get; private set; }

    /// <inheritdoc />
    public long ExitTimestamp { get; private set; }

    /// <summary>Null: the process is not ours.</summary>
    public int? ExitCode => null;

    /// <inheritdoc />
    public string? ExitReason { get; private set; }

    /// <summary>Null: the user's server does not report its accept failures.</summary>
    public AcceptFailure? FirstAcceptFailure => null;

    /// <summary>Empty: the user's server does not report its accept failures.</summary>
    public IReadOnlyDictionary<string, long> AcceptFailures { get; } = new Dictionary<string, long>();

    /// <summary>Does nothing: a signal here never reaches a server on another host.</summary>
    public void ExpectExit()
    {
    }

    /// <summary>Stops watching; the server itself is left alone.</summary>
    public ValueTask DisposeAsync()
    {
        _stopped = true;
        _exited.TrySetResult();
        return ValueTask.CompletedTask;
    }

    private void Gone(Agent.AgentSample gone)
    {
        if (_stopped)
        {
            return;
        }

        var ageMs = Math.Max(0, AgentClient.NowUnixMs() - _feed.Clock.ToLocal(gone.UnixMs));
        ExitTimestamp = Stopwatch.GetTimestamp() - (long)(ageMs * Stopwatch.Frequency / 1000);
        ExitReason = $"the agent at {_feed.Url} found the target (PID {string.Join(", ", _feed.Pids)} on its host) gone";
        ExitedByItself = true;
        _exited.TrySetResult();
    }
}
