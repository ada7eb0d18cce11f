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

    private static readonly string[] States = ["established", "synSent", "synRecv", "finWait1", "finWait2", "timeWait", "close", "closeWait", "lastAck", "listen", "closing"];

    /// <summary>The header row.</summary>
    public static string Header { get; } = string.Join(',',
        new[] { "seconds", "phase", "alive", "fds", "socketFds", "otherFds", "fdLimit", "cpuPercent" }
            .Concat(States.Select(s => "tcp." + s))
            .Concat(States.Select(s => "clientTcp." + s)));

    /// <inheritdoc />
    public string FileName => Name;

    /// <inheritdoc />
    public string Render(RunRecord run, IReadOnlyList<Sample> samples)
    {
        var sb = new StringBuilder(Header.Length + (samples.Count * 96));
        sb.Append(Header).Append('\n');
        foreach (var s in samples)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s.Seconds:0.###},{s.Phase.ToString().ToLowerInvariant()},{(s.Alive ? 1 : 0)},{s.Fds},{s.SocketFds},{s.OtherFds},{s.FdLimit},{s.CpuPercent:0.#}");
            foreach (var n in s.Tcp.ToKernelOrder())
            {
                sb.Append(',').Append(n);
            }

            foreach (var n in s.ClientTcp.ToKernelOrder())
            {
                sb.Append(',').Append(n);
            }

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
        Span<int> server = stackalloc int[TcpStates.Count + 1];
        Span<int> client = stackalloc int[TcpStates.Count + 1];
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].TrimEnd('\r').Split(',');
            if (f.Length != 8 + (2 * States.Length) || !Enum.TryParse<SamplePhase>(f[1], ignoreCase: true, out var phase))
            {
                throw new InvalidDataException($"{source}:{i + 1}: not a sample row");
            }

            try
            {
                for (var k = 0; k < States.Length; k++)
                {
                    server[k + 1] = Int(f[8 + k]);
                    client[k + 1] = Int(f[8 + States.Length + k]);
                }

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
                    Tcp = TcpStateCounts.FromKernelOrder(server),
                    ClientTcp = TcpStateCounts.FromKernelOrder(client),
                });
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{source}:{i + 1}: not a sample row ({e.Message})", e);
            }
        }

        return samples;
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
