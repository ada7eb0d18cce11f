using LoadRepro.Core.Records;

namespace LoadRepro.Sampler.Sampling;

/// <summary>Where samples come from: one reading of the target at a time (this host's /proc and netlink, a namespace, an agent on another host).</summary>
public interface ISampleSource : IDisposable
{
    /// <summary>Where TCP states are read from, as recorded in the run record.</summary>
    SocketSourceKind Source { get; }

    /// <summary>Reads the target now; a sample with <see cref="Sample.Alive"/> false when it is gone.</summary>
    Sample Take(double seconds, SamplePhase phase);

    /// <summary>
    /// Reads the target now, or says there is nothing new to read: a source fed by another host (an agent) has no new
    /// sample at some ticks and none at all once it stopped answering. Local sources always have one.
    /// </summary>
    bool TryTake(double seconds, SamplePhase phase, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Sample? sample)
    {
        sample = Take(seconds, phase);
        return true;
    }
}
