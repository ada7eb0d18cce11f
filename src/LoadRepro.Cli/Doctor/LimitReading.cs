namespace LoadRepro.Cli.Doctor;

/// <summary>One limit or sysctl as <c>loadrepro doctor</c> prints it: its value, what it really does, and what it bounds.</summary>
public sealed record LimitReading
{
    /// <summary>The setting's name, e.g. <c>net.ipv4.tcp_tw_reuse</c> or <c>RLIMIT_NOFILE soft</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The value in force, as the kernel prints it; <c>absent</c> when this kernel has no such setting.</summary>
    public required string Value { get; init; }

    /// <summary>What the value means, in plain words (the kernel's behaviour, not folklore).</summary>
    public required string Meaning { get; init; }

    /// <summary>What it bounds: <c>EMFILE</c> (descriptors), <c>ports</c> (local port tuples), or <c>neither</c>.</summary>
    public required string MattersFor { get; init; }
}
