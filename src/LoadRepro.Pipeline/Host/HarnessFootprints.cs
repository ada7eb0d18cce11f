using System.Globalization;
using System.Runtime;
using LoadRepro.Core.Records;

namespace LoadRepro.Pipeline.Host;

/// <summary>Reads this process's own <see cref="HarnessFootprint"/>, for the soak.</summary>
public static class HarnessFootprints
{
    /// <summary>Collects garbage (so finalizable sockets are closed), then reads /proc/self.</summary>
    public static HarnessFootprint Measure()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // What survived that full collection is the live set; the heap's size would also count free space in its regions.
        var heap = GC.GetGCMemoryInfo(GCKind.FullBlocking).PromotedBytes / (1024.0 * 1024);
        var fds = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        double rssKiB = 0;
        var threads = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rssKiB = double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return new HarnessFootprint(fds, rssKiB / 1024, heap, threads);
    }
}
