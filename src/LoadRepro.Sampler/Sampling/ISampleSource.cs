using LoadRepro.Core.Records;

namespace LoadRepro.Sampler.Sampling;

/// <summary>Where samples come from: one reading of the target at a time (this host's /proc and netlink, a namespace, later an agent).</summary>
public interface ISampleSource : IDisposable
{
    /// <summary>Where TCP states are read from, as recorded in the run record.</summary>
    SocketSourceKind Source { get; }

    /// <summary>Reads the target now; a sample with <see cref="Sample.Alive"/> false when it is gone.</summary>
    Sample Take(double seconds, SamplePhase phase);
}
