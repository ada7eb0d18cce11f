using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>Turns samples into a diagnosis kind and plain words; the rules follow docs/KERNEL-FACTS.md.</summary>
public static class DiagnosisRules
{
    /// <summary>
    /// Diagnoses a run. Sockets and descriptors can pre-exist the load (an earlier run's TIME_WAIT lasts 60 s on a fixed
    /// port), so every figure is judged as growth over the last sample before the load; the summary says what was there.
    /// </summary>
    public static DiagnosisInfo Diagnose(DiagnosisInput input)
    {
        var info = Judge(input);
        return input.JudgeFromBaseline && BeforeTheLoad(input) is { } before && AlreadyThere(before, input.Port) is { } note
            ? info with { Summary = note + " " + info.Summary }
            : info;
    }

    private static DiagnosisInfo Judge(DiagnosisInput input)
    {
        // A live process always holds a few descriptors; a reading of none is the process dying between two reads.
        var alive = input.Samples.Where(s => s.Alive && s.Fds > 0).ToList();
        if (alive.Count == 0)
        {
            return new DiagnosisInfo { Kind = DiagnosisKind.Healthy, Summary = "No sample of the target was taken: nothing to diagnose." };
        }

        var baseline = BeforeTheLoad(input)!;

        // Without a load (watch) there is no "before": a pile that stands from the first sample on is the finding itself.
        var piles = input.JudgeFromBaseline
            ? baseline
            : baseline with { Tcp = TcpStateCounts.Empty with { Established = baseline.Tcp.Established }, ClientTcp = TcpStateCounts.Empty };

        // A target that died (the runtime aborts at EMFILE) never drained its pile: judge it by its last moments
        // alive, not by the sample taken while the kernel was tearing its sockets down.
        var died = !input.Samples[^1].Alive;
        var last = died ? alive.TakeLast(3).MaxBy(s => s.Tcp.CloseWait + s.Fds)! : alive[^1];
        var peakCloseWait = alive.Max(s => s.Tcp.CloseWait) - piles.Tcp.CloseWait;
        var lastCloseWait = Math.Max(0, last.Tcp.CloseWait - piles.Tcp.CloseWait);
        var peakFds = alive.Max(s => s.Fds);
        var peakOther = alive.Max(s => s.OtherFds);
        var peakEstablished = alive.Max(Established);
        var peakTimeWait = alive.Max(s => s.Tcp.TimeWait) - piles.Tcp.TimeWait;
        var peakClientTimeWait = alive.Max(s => s.ClientTcp.TimeWait) - piles.ClientTcp.TimeWait;
        var leakRate = LeakRate.FdsPerSecond(alive, input.LoadStartSeconds, input.LoadStopSeconds, input.FdLimit);
        double? projected = leakRate is > 0.5 && input.FdLimit > 0 ? (input.FdLimit - baseline.Fds) / leakRate.Value : null;
        var loadSeconds = input.LoadStopSeconds - input.LoadStartSeconds;
        var closeRate = loadSeconds > 0 ? input.Client.ConnectionsOpened / loadSeconds : 0;
        var predictedTimeWait = Math.Min(closeRate * DiagnosisThresholds.TimeWaitSeconds, input.PortRangeSize);
        var plateau = TimeWaitPlateau.Measure(alive, input.LoadStartSeconds, input.LoadStopSeconds, piles);

        // Whether a pile drains shows only after the load: without samples then, a pile at the end is not evidence of a leak.
        var sawDrain = died || alive.Any(s => s.Seconds > input.LoadStopSeconds) || input.ExhaustionSeconds is not null;
        var info = new DiagnosisInfo
        {
            Kind = DiagnosisKind.Healthy,
            Summary = "",
            LeakRatePerSecond = leakRate is { } r ? Math.Round(r, 1) : null,
            ProjectedExhaustionSeconds = projected is { } p ? Math.Round(p, 1) : null,
            PredictedTimeWait = Math.Round(predictedTimeWait),
            CloseRatePerSecond = Math.Round(closeRate, 1),
            MeasuredTimeWait = plateau?.Measured,
            TimeWaitPlateauReached = plateau?.Reached,
        };
        var emfile = Measured(input.ExhaustionSeconds);

        if (!sawDrain && lastCloseWait >= DiagnosisThresholds.MinPile)
        {
            return info with
            {
                Summary = Text($"CLOSE_WAIT stood at {lastCloseWait} when the run ended, but no sample was taken after the load stopped, " +
                    "so whether it drains is unknown: a pile that drains is a queue, one that stays is a leak. Run again with a drain period (sample: drain: 3s) to tell."),
            };
        }

        // A server that hit its limit (and often died of it) never gets to drain: the biggest pile on the way there is the cause.
        var exhaustedByCloseWait = input.ExhaustionSeconds is not null && peakCloseWait >= DiagnosisThresholds.MinPile
            && peakCloseWait >= peakEstablished - baseline.Tcp.Established && peakCloseWait >= peakOther - baseline.OtherFds;
        if (Kept(peakCloseWait, lastCloseWait) || exhaustedByCloseWait || (!died && Stalled(alive, input.LoadStopSeconds, piles.Tcp.CloseWait)))
        {
            return info with
            {
                Kind = DiagnosisKind.CloseWaitLeak,
                Summary = Text($"CLOSE_WAIT rose to {peakCloseWait} server-side sockets and {(last.Seconds > input.LoadStopSeconds ? $"{lastCloseWait} were still there after the load stopped" : "took the server to its descriptor limit")}: " +
                    "the process does not close its sockets after the peer closes. This is a code bug, and each CLOSE_WAIT socket holds a descriptor, " +
                    "so it ends in EMFILE (Too many open files); no sysctl fixes it. Look for the code path where a read returns 0 (end of stream) " +
                    "or a request is aborted and the connection is never disposed." + Projection(leakRate, projected, input.FdLimit, baseline.Fds) + emfile +
                    NeverAccepted(last, input.ExhaustionSeconds)),
            };
        }

        var lastPort = input.Client.Errors.GetValueOrDefault("EADDRNOTAVAIL");
        if (lastPort > 0)
        {
            return info with
            {
                Kind = DiagnosisKind.PortExhaustion,
                Summary = Text($"The client failed {lastPort} connects with EADDRNOTAVAIL (Cannot assign requested address): it ran out of local ports. " +
                    $"TIME_WAIT peaked at {Math.Max(peakTimeWait, peakClientTimeWait)}; each holds a port for 60 s on the side that closes first, but no descriptor."),
            };
        }

        // Non-socket descriptors must carry the growth: a handful appear anyway when the runtime loads assemblies
        // on first use (each is held open), and must not hide a socket pile behind them.
        var otherKept = last.OtherFds - baseline.OtherFds;
        var socketKept = last.SocketFds - baseline.SocketFds;
        if (Kept(peakOther - baseline.OtherFds, otherKept) && otherKept > socketKept)
        {
            return info with
            {
                Kind = DiagnosisKind.FdLeakNonSocket,
                Summary = Text($"Descriptors that are not sockets grew by {peakOther - baseline.OtherFds} and did not come back after the load stopped, " +
                    "while sockets stayed flat: files, pipes or other handles are opened and never disposed (look for a FileStream, Process or pipe without using/Dispose)." + Projection(leakRate, projected, input.FdLimit, baseline.Fds) + emfile),
            };
        }

        if (Kept(peakEstablished - Established(baseline), Established(last) - Established(baseline)))
        {
            return info with
            {
                Kind = DiagnosisKind.EstablishedLeak,
                Summary = Text($"ESTABLISHED connections rose to {peakEstablished - Established(baseline)} and {Math.Max(0, Established(last) - Established(baseline))} stayed open after the load stopped: " +
                    "idle clients hold connections that nothing closes: the server has no idle timeout (Kestrel: Limits.KeepAliveTimeout), or handlers never finish. " +
                    "Each holds a descriptor, so enough idle clients end in EMFILE. Set an idle timeout and honour RequestAborted." + emfile),
            };
        }

        // TIME_WAIT belongs to the side that closed first: only the server side's is the target's own.
        if (peakTimeWait >= DiagnosisThresholds.NotableTimeWait)
        {
            return info with
            {
                Kind = DiagnosisKind.TimeWaitAccumulation,
                Summary = Text($"TIME_WAIT on the server's port peaked at {peakTimeWait} with descriptors flat: the server closes first. " +
                    "TIME_WAIT holds no descriptor: it is not your EMFILE. It holds a port for 60 s on the side that closes first, which matters only for ports. ") +
                    PlateauText(plateau, closeRate, predictedTimeWait, loadSeconds, input.PortRangeSize),
            };
        }

        return info with
        {
            Kind = DiagnosisKind.Healthy,
            Summary = Text($"Descriptors peaked at {peakFds} (baseline {baseline.Fds}) and came back to {last.Fds}; CLOSE_WAIT peaked at {peakCloseWait}: nothing leaks.") +
                (peakClientTimeWait >= DiagnosisThresholds.NotableTimeWait
                    ? Text($" TIME_WAIT ({peakClientTimeWait}) sat on the client side, which closed first; it holds no descriptor of the server. ") +
                      PlateauText(plateau, closeRate, predictedTimeWait, loadSeconds, input.PortRangeSize)
                    : ""),
        };
    }

    /// <summary>
    /// The state when the load started: the last live sample taken before it was started, as the record's baseline; the first
    /// live one when none was taken before. Null when the target was never sampled alive.
    /// </summary>
    private static Sample? BeforeTheLoad(DiagnosisInput input)
    {
        var alive = input.Samples.Where(s => s.Alive && s.Fds > 0).ToList();
        return alive.LastOrDefault(s => s.Phase == SamplePhase.Baseline && s.Seconds < input.LoadStartSeconds) ?? alive.FirstOrDefault();
    }

    /// <summary>
    /// What was on the port before the load, in words, when it is enough to mislead a reader of absolute counts:
    /// a TIME_WAIT pile (an earlier run's, on a fixed port), or any CLOSE_WAIT or ESTABLISHED socket; null otherwise.
    /// </summary>
    private static string? AlreadyThere(Sample before, int? port)
    {
        if (BaselinePiles.Describe(before.Tcp, before.ClientTcp) is not { } list)
        {
            return null;
        }

        var verb = list.StartsWith("1 ", StringComparison.Ordinal) && !list.Contains(" and ", StringComparison.Ordinal) ? "was" : "were";
        var where = port is { } p ? Text($"on port {p}") : "on the port under test";
        var why = BaselinePiles.HasTimeWait(before.Tcp, before.ClientTcp)
            ? " (left by earlier connections, such as an earlier run's: TIME_WAIT lasts 60 s)"
            : "";
        return Text($"{list} {verb} already {where} when the load started{why}; the figures that follow are what this run added.");
    }

    /// <summary>
    /// CLOSE_WAIT that the process does not own: connections whose handshake the kernel completed in the listen backlog while
    /// accept() failed with EMFILE, closed by clients that gave up. They have no descriptor yet (inode 0), so they are told apart.
    /// </summary>
    private static string NeverAccepted(Sample last, double? exhaustionSeconds)
    {
        var unowned = last.Tcp.CloseWait - last.OwnedTcp.CloseWait;
        return exhaustionSeconds is null || last.OwnedTcp.CloseWait == 0 || unowned < DiagnosisThresholds.MinPile
            ? ""
            : Text($" {unowned} of the {last.Tcp.CloseWait} CLOSE_WAIT sockets were never accepted: their handshakes completed in the kernel's listen backlog while accept() failed with EMFILE, and their clients gave up and closed. They hold no descriptor; they are the clients a server at its limit turns away without a word.");
    }

    /// <summary>
    /// ESTABLISHED connections of the target: those on the port under test, or, when larger, every connection it owns,
    /// so a handler stuck on a downstream call counts too (its connection is on the downstream's port).
    /// </summary>
    private static int Established(Sample s) => Math.Max(s.Tcp.Established, s.OwnedTcp.Established);

    /// <summary>A pile that is notable and kept most of its peak after the drain.</summary>
    private static bool Kept(int peak, int last) =>
        peak >= DiagnosisThresholds.MinPile && last >= peak * DiagnosisThresholds.KeptShare;

    // A pile that stopped draining: a leak on one path among many healthy ones leaves far less than its peak (the healthy
    // connections' CLOSE_WAIT in flight drains at once), but what it leaves stays. Still a pile at the end, and no smaller
    // than a second before, well after the load stopped.
    private static bool Stalled(IReadOnlyList<Sample> alive, double loadStopSeconds, int before)
    {
        var end = alive[^1];
        var earlier = alive.LastOrDefault(s => s.Seconds > loadStopSeconds && s.Seconds <= end.Seconds - DiagnosisThresholds.StallSeconds);
        return earlier is not null && end.Tcp.CloseWait - before >= DiagnosisThresholds.MinPile && end.Tcp.CloseWait >= earlier.Tcp.CloseWait;
    }

    private static string Projection(double? rate, double? projected, int limit, int baseline) =>
        rate is { } r && projected is { } p
            ? $" Descriptors grew at {r:0.#}/s from a baseline of {baseline}: the limit of {limit} is reached about {p:0.#} s after the load starts."
            : "";

    private static string Measured(double? emfileSeconds) =>
        emfileSeconds is { } m ? Text($" Measured: EMFILE {m:0.0#} s after the load started.") : "";

    /// <summary>The measured TIME_WAIT level beside rate × 60 s; a load too short to level off is said to be one.</summary>
    private static string PlateauText(TimeWaitPlateau? plateau, double closeRate, double predicted, double loadSeconds, int portRange)
    {
        var cap = closeRate * DiagnosisThresholds.TimeWaitSeconds > portRange ? Text($", capped by the {portRange} ports of ip_local_port_range") : "";
        if (plateau is null)
        {
            return Text($"Predicted plateau: about {predicted:0} ({closeRate:0.#} closes/s × 60 s{cap}); too few samples to measure it.");
        }

        return plateau.Reached
            ? Text($"It levelled off at {plateau.Measured}; predicted about {predicted:0} ({closeRate:0.#} closes/s × 60 s{cap}).")
            : Text($"The load ran {loadSeconds:0.#} s, and TIME_WAIT was still rising when it stopped ({plateau.Measured}): it levels off only after 60 s, " +
                $"so the plateau is a prediction, not a measurement: about {predicted:0} ({closeRate:0.#} closes/s × 60 s{cap}).");
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Text(string s) => s;
}
