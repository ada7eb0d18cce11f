using System.Globalization;
using System.Text;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Reports.Formats;

/// <summary><c>samples.csv</c>: one row per sample, columns named like the keys of summary.json; and its reading back.</summary>
public sealed class CsvSamples : IRunReport
{
    /// <summary>The file name.</summary>
    public const string Name = "samples.csv";

    private const int Leading = 8;
    private const int Middle = 7;
    private const int SockstatColumns = 5;

    private static readonly string[] States = ["established", "synSent", "synRecv", "finWait1", "finWait2", "timeWait", "close", "closeWait", "lastAck", "listen", "closing"];

    private static readonly int ColumnCount = Leading + (2 * States.Length) + Middle + States.Length + SockstatColumns;

    /// <summary>The header row.</summary>
    public static string Header { get; } = string.Join(',',
        new[] { "seconds", "phase", "alive", "fds", "socketFds", "otherFds", "fdLimit", "cpuPercent" }
            .Concat(States.Select(s => "tcp." + s))
            .Concat(States.Select(s => "clientTcp." + s))
            .Concat(["fileFds", "pipeFds", "anonInodeFds", "otherKindFds", "fdHardLimit", "rssBytes", "threads"])
            .Concat(States.Select(s => "ownedTcp." + s))
            .Concat(["sockstat.inUse", "sockstat.orphan", "sockstat.timeWait", "sockstat.alloc", "sockstat.memPages"]));

    /// <inheritdoc />
    public string FileName => Name;

    /// <inheritdoc />
    public string Render(RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client) => Format(samples);

    /// <summary>The samples as CSV text, header first.</summary>
    public static string Format(IReadOnlyList<Sample> samples)
    {
        var sb = new StringBuilder(Header.Length + (samples.Count * 200));
        sb.Append(Header).Append('\n');
        foreach (var s in samples)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s.Seconds:0.###},{s.Phase.ToString().ToLowerInvariant()},{(s.Alive ? 1 : 0)},{s.Fds},{s.SocketFds},{s.OtherFds},{s.FdLimit},{s.CpuPercent:0.#}");
            Append(sb, s.Tcp);
            Append(sb, s.ClientTcp);
            sb.Append(CultureInfo.InvariantCulture, $",{s.FileFds},{s.PipeFds},{s.AnonInodeFds},{s.OtherKindFds},{s.FdHardLimit},{s.RssBytes},{s.Threads}");
            Append(sb, s.OwnedTcp);
            var k = s.Sockstat;
            sb.Append(CultureInfo.InvariantCulture, $",{k.InUse},{k.Orphan},{k.TimeWait},{k.Alloc},{k.MemPages}");
            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Reads samples back.</summary>
    /// <exception cref="InvalidDataException">A row is not a sample; the message names the line.</exception>
    public static IReadOnlyList<Sample> Read(string csv, string source)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != Header)
        {
            throw new InvalidDataException($"{source}:1: not a samples file (the header row differs)");
        }

        var samples = new List<Sample>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].TrimEnd('\r').Split(',');
            if (f.Length != ColumnCount || !Enum.TryParse<SamplePhase>(f[1], ignoreCase: true, out var phase))
            {
                throw new InvalidDataException($"{source}:{i + 1}: not a sample row");
            }

            try
            {
                var m = Leading + (2 * States.Length);
                var o = m + Middle;
                var k = o + States.Length;
                samples.Add(new Sample
                {
                    Seconds = double.Parse(f[0], CultureInfo.InvariantCulture),
                    Phase = phase,
                    Alive = f[2] == "1",
                    Fds = Int(f[3]),
                    SocketFds = Int(f[4]),
                    OtherFds = Int(f[5]),
                    FdLimit = Int(f[6]),
                    CpuPercent = double.Parse(f[7], CultureInfo.InvariantCulture),
                    Tcp = ReadStates(f, Leading),
                    ClientTcp = ReadStates(f, Leading + States.Length),
                    FileFds = Int(f[m]),
                    PipeFds = Int(f[m + 1]),
                    AnonInodeFds = Int(f[m + 2]),
                    OtherKindFds = Int(f[m + 3]),
                    FdHardLimit = Int(f[m + 4]),
                    RssBytes = long.Parse(f[m + 5], NumberStyles.Integer, CultureInfo.InvariantCulture),
                    Threads = Int(f[m + 6]),
                    OwnedTcp = ReadStates(f, o),
                    Sockstat = new SockstatCounts
                    {
                        InUse = Int(f[k]),
                        Orphan = Int(f[k + 1]),
                        TimeWait = Int(f[k + 2]),
                        Alloc = Int(f[k + 3]),
                        MemPages = Int(f[k + 4]),
                    },
                });
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{source}:{i + 1}: not a sample row ({e.Message})", e);
            }
        }

        return samples;
    }

    private static void Append(StringBuilder sb, TcpStateCounts counts)
    {
        foreach (var n in counts.ToKernelOrder())
        {
            sb.Append(',').Append(n);
        }
    }

    private static TcpStateCounts ReadStates(string[] fields, int first)
    {
        Span<int> byState = stackalloc int[TcpStates.Count + 1];
        for (var k = 0; k < States.Length; k++)
        {
            byState[k + 1] = Int(fields[first + k]);
        }

        return TcpStateCounts.FromKernelOrder(byState);
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
