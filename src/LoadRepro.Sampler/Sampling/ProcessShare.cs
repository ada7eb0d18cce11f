using LoadRepro.Core.Records;

namespace LoadRepro.Sampler.Sampling;

/// <summary>One process of a sampled group at one sample, with its own figures (descriptors by kind, its limit).</summary>
/// <param name="Pid">The process.</param>
/// <param name="Sample">Its own reading.</param>
public sealed record ProcessShare(int Pid, Sample Sample);
