using System.Globalization;

namespace LoadRepro.Cli.Commands;

/// <summary>What the harness process itself holds: descriptors, resident memory and threads, after a full GC.</summary>
public sealed record HarnessFootprint(int Fds, double RssMiB, int Threads)
{
    /// <summary>Collects garbage (so finalizable sockets are closed), then reads /proc/self.</summary>
    public static HarnessFootprint Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
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

        return new HarnessFootprint(fds, rssKiB / 1024, threads);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Fds} descriptors, RSS {RssMiB:0.0} MiB, {Threads} threads");
}
