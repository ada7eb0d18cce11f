namespace LoadRepro.Sampler.Sampling;

/// <summary>One process of a sampled group at one sample: its descriptors and its own soft limit.</summary>
/// <param name="Pid">The process.</param>
/// <param name="Fds">Its open descriptors.</param>
/// <param name="FdLimit">Its soft RLIMIT_NOFILE.</param>
public sealed record ProcessShare(int Pid, int Fds, int FdLimit);
