namespace LoadRepro.Core.Records;

/// <summary>One process sampled as (part of) the server: a pre-fork server's master or a worker, a wrapper's child.</summary>
/// <param name="Pid">The process.</param>
/// <param name="Command">Its command line as /proc shows it (shortened), so a reader can tell them apart.</param>
public sealed record TargetProcess(int Pid, string Command);
