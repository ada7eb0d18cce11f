using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Formats;

/// <summary>What the reports say when samples carried their TCP counts forward (<see cref="SampleInfo.TcpCarried"/>).</summary>
public static class TcpWalkText
{
    /// <summary>The sentence for <paramref name="samples"/>; null when every sample walked the TCP table.</summary>
    public static string? Describe(SampleInfo samples) => samples.TcpCarried == 0 ? null : string.Create(CultureInfo.InvariantCulture,
        $"{samples.TcpCarried} of the {samples.Count} samples carry the TCP counts of the sample before: a walk of the kernel's TCP table visits every socket of the host, and walking it at every sample would have cost the sampler more than {SampleInfo.TcpWalkShare:0%} of a core, so the TCP states were read less often than the descriptors.");
}
