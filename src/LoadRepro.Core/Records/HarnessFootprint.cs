using System.Globalization;

namespace LoadRepro.Core.Records;

/// <summary>
/// What the harness process itself holds after a full, compacting GC: descriptors, resident memory, the managed heap
/// and threads. The heap tells a leak from memory the GC merely keeps committed, which RSS alone cannot.
/// </summary>
/// <param name="Fds">Open descriptors.</param>
/// <param name="RssMiB">Resident memory in MiB.</param>
/// <param name="HeapMiB">Live managed objects in MiB (what survived a full collection).</param>
/// <param name="Threads">Threads.</param>
public sealed record HarnessFootprint(int Fds, double RssMiB, double HeapMiB, int Threads)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Fds} descriptors, RSS {RssMiB:0.0} MiB, live managed objects {HeapMiB:0.0} MiB, {Threads} threads");
}
