using System.Globalization;
using LoadRepro.Cli.Watching;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LoadRepro.Cli.Terminal;

/// <summary>The watch on a terminal: a live table of descriptors and TCP states with their trends, the projection and the diagnosis.</summary>
public sealed class WatchLiveView : IWatchView
{
    private readonly int _pid;

    /// <summary>Shows process <paramref name="pid"/>.</summary>
    public WatchLiveView(int pid) => _pid = pid;

    /// <inheritdoc />
    public Task RunAsync(Func<Action<WatchFrame>, Task> sampling) =>
        AnsiConsole.Live(new Markup($"watching process {_pid}...")).AutoClear(false).StartAsync(ctx => sampling(f =>
        {
            ctx.UpdateTarget(Render(f));
            ctx.Refresh();
        }));

    /// <inheritdoc />
    public void Line(string text) => AnsiConsole.WriteLine(text);

    private Rows Render(WatchFrame f)
    {
        var s = f.Latest;
        var fds = new Table().Border(TableBorder.Rounded).Title($"process {_pid} at {Num(s.Seconds, "0.0")} s")
            .AddColumn("descriptors").AddColumn(new TableColumn("now").RightAligned()).AddColumn(new TableColumn("per second").RightAligned());
        fds.AddRow("total", $"{s.Fds} of {s.FdLimit} (hard {s.FdHardLimit})", Num(f.Trends.Fds, "+0.#;-0.#;0"));
        fds.AddRow("sockets", Num(s.SocketFds, "0"), Num(f.Trends.SocketFds, "+0.#;-0.#;0"));
        fds.AddRow("not sockets", Num(s.OtherFds, "0"), Num(f.Trends.OtherFds, "+0.#;-0.#;0"));
        fds.AddRow("  files / pipes / anon inodes / other", $"{s.FileFds} / {s.PipeFds} / {s.AnonInodeFds} / {s.OtherKindFds}", "");

        var tcp = new Table().Border(TableBorder.Rounded).AddColumn("TCP state");
        if (f.ByPort)
        {
            tcp.AddColumn(new TableColumn("server side").RightAligned()).AddColumn(new TableColumn("client side").RightAligned());
        }

        tcp.AddColumn(new TableColumn("owned").RightAligned());
        var server = s.Tcp.ToKernelOrder();
        var client = s.ClientTcp.ToKernelOrder();
        var owned = s.OwnedTcp.ToKernelOrder();
        for (var i = 0; i < owned.Length; i++)
        {
            var row = new List<string> { TcpStates.Names[i + 1] };
            if (f.ByPort)
            {
                row.Add(Num(server[i], "0"));
                row.Add(Num(client[i], "0"));
            }

            row.Add(Num(owned[i], "0"));
            tcp.AddRow([.. row]);
        }

        var k = s.Sockstat;
        var lines = new List<IRenderable>
        {
            fds,
            tcp,
            new Markup(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"CLOSE_WAIT {Num(f.Trends.CloseWait, "+0.#;-0.#;0")}/s, ESTABLISHED {Num(f.Trends.Established, "+0.#;-0.#;0")}/s, TIME_WAIT {Num(f.Trends.TimeWait, "+0.#;-0.#;0")}/s; " +
                $"sockstat inuse {k.InUse}, orphan {k.Orphan}, tw {k.TimeWait}, alloc {k.Alloc}, mem {k.MemPages} pages; CPU {s.CpuPercent:0}%, RSS {s.RssBytes / 1048576.0:0.0} MiB, threads {s.Threads}"))),
        };
        if (f.Projection is { } p)
        {
            lines.Add(new Markup($"[yellow]{Markup.Escape(p)}[/]"));
        }

        lines.Add(new Markup($"diagnosis [bold]{Markup.Escape(KebabNames.Name(f.DiagnosisKind))}[/]: {Markup.Escape(f.DiagnosisLine)}"));
        return new Rows(lines);
    }

    private static string Num(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
