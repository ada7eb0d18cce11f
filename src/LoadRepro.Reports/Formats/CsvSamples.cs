using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Reports.Formats;

/// <summary><c>samples.csv</c>: one row per sample, columns named like the keys of summary.json; and its reading back.</summary>
public sealed class CsvSamples : IRunReport
{
    /// <summary>The file name.</summary>
    public const string Name = "samples.csv";

    private static readonly string[] States = ["established", "synSent", "synRecv", "finWait1", "finWait2", "timeWait", "close", "closeWait", "lastAck", "listen", "closing"];

    // Each state group in kernel order, as TcpStateCounts.ToKernelOrder gives it, so a group is written in one call.
    private static readonly string[] TcpColumns = [.. States.Select(s => "tcp." + s)];
    private static readonly string[] ClientTcpColumns = [.. States.Select(s => "clientTcp." + s)];
    private static readonly string[] OwnedTcpColumns = [.. States.Select(s => "ownedTcp." + s)];
    private static readonly string[] SockstatColumns = ["sockstat.inUse", "sockstat.orphan", "sockstat.timeWait", "sockstat.alloc", "sockstat.memPages"];

    private static readonly string[] Columns =
    [
        "seconds", "phase", "alive", "fds", "socketFds", "otherFds", "fdLimit", "cpuPercent",
        .. TcpColumns,
        .. ClientTcpColumns,
        "fileFds", "pipeFds", "anonInodeFds", "otherKindFds", "fdHardLimit", "rssBytes", "threads",
        .. OwnedTcpColumns,
        .. SockstatColumns,
    ];

    /// <summary>The header row.</summary>
    public static string Header { get; } = string.Join(',', Columns);

    /// <inheritdoc />
    public string FileName => Name;

    /// <inheritdoc />
    public string Render(RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client) => Format(samples);

    /// <summary>The samples as CSV text, header first.</summary>
    public static string Format(IReadOnlyList<Sample> samples)
    {
        using var writer = RunCsv.Writer(Columns, Header.Length + (samples.Count * 200));
        foreach (var s in samples)
        {
            using var row = writer.NewRow();
            row["seconds"].Format(s.Seconds, "0.###");
            row["phase"].Set(KebabNames.Name(s.Phase));
            row["alive"].Set(s.Alive ? "1" : "0");
            row["fds"].Format(s.Fds);
            row["socketFds"].Format(s.SocketFds);
            row["otherFds"].Format(s.OtherFds);
            row["fdLimit"].Format(s.FdLimit);
            row["cpuPercent"].Format(s.CpuPercent, "0.#");
            row[TcpColumns].Format(s.Tcp.ToKernelOrder());
            row[ClientTcpColumns].Format(s.ClientTcp.ToKernelOrder());
            row["fileFds"].Format(s.FileFds);
            row["pipeFds"].Format(s.PipeFds);
            row["anonInodeFds"].Format(s.AnonInodeFds);
            row["otherKindFds"].Format(s.OtherKindFds);
            row["fdHardLimit"].Format(s.FdHardLimit);
            row["rssBytes"].Format(s.RssBytes);
            row["threads"].Format(s.Threads);
            row[OwnedTcpColumns].Format(s.OwnedTcp.ToKernelOrder());
            var k = s.Sockstat;
            row[SockstatColumns].Format([k.InUse, k.Orphan, k.TimeWait, k.Alloc, k.MemPages]);
        }

        return writer.ToString();
    }

    /// <summary>Reads samples back.</summary>
    /// <exception cref="InvalidDataException">The file or a row is not a sample; the message is one line naming the file and the line.</exception>
    public static IReadOnlyList<Sample> Read(string csv, string source)
    {
        using var reader = RunCsv.Reader(csv, source, "samples");
        if (!reader.Header.ColNames.SequenceEqual(Columns))
        {
            throw RunCsv.HeaderDiffers(source, "samples");
        }

        var samples = new List<Sample>();
        foreach (var sepRow in reader)
        {
            var f = new CsvRow(sepRow, source, "sample row");
            if (f.IsBlank)
            {
                continue;
            }

            if (f.Count != Columns.Length || !KebabNames.TryParse<SamplePhase>(f["phase"].ToString(), out var phase))
            {
                throw f.Bad();
            }

            samples.Add(new Sample
            {
                Seconds = f.Number("seconds"),
                Phase = phase,
                Alive = f["alive"] is "1",
                Fds = f.Int("fds"),
                SocketFds = f.Int("socketFds"),
                OtherFds = f.Int("otherFds"),
                FdLimit = f.Int("fdLimit"),
                CpuPercent = f.Number("cpuPercent"),
                Tcp = ReadStates(f, TcpColumns),
                ClientTcp = ReadStates(f, ClientTcpColumns),
                FileFds = f.Int("fileFds"),
                PipeFds = f.Int("pipeFds"),
                AnonInodeFds = f.Int("anonInodeFds"),
                OtherKindFds = f.Int("otherKindFds"),
                FdHardLimit = f.Int("fdHardLimit"),
                RssBytes = f.Long("rssBytes"),
                Threads = f.Int("threads"),
                OwnedTcp = ReadStates(f, OwnedTcpColumns),
                Sockstat = new SockstatCounts
                {
                    InUse = f.Int("sockstat.inUse"),
                    Orphan = f.Int("sockstat.orphan"),
                    TimeWait = f.Int("sockstat.timeWait"),
                    Alloc = f.Int("sockstat.alloc"),
                    MemPages = f.Int("sockstat.memPages"),
                },
            });
        }

        return samples;
    }

    private static TcpStateCounts ReadStates(CsvRow f, string[] columns)
    {
        Span<int> byState = stackalloc int[TcpStates.Count + 1];
        for (var k = 0; k < columns.Length; k++)
        {
            byState[k + 1] = f.Int(columns[k]);
        }

        return TcpStateCounts.FromKernelOrder(byState);
    }
}
