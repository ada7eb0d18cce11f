using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>Decides whether EMFILE was reached, only on real evidence.</summary>
public static class ExhaustionDetector
{
    /// <summary>Descriptors within this many of the limit count as at the limit: the runtime keeps a few spare for itself.</summary>
    public const int AtLimitSlack = 2;

    /// <summary>What the .NET runtime prints before it aborts when it cannot start a thread (docs/KERNEL-FACTS.md).</summary>
    public const string DotNetAbortLine = "Out of memory.";

    /// <summary>Whether a sample shows the process at its descriptor limit.</summary>
    public static bool IsAtLimit(Sample s) => s.Alive && s.FdLimit > 0 && s.Fds >= s.FdLimit - AtLimitSlack;

    /// <summary>Weighs the evidence: accept failures the server reported, samples at the limit, the server dying near the limit.</summary>
    public static ExhaustionInfo Detect(ExhaustionEvidence e)
    {
        var evidence = new List<string>();
        double? first = null;

        void Seen(double at, string what)
        {
            evidence.Add(what);
            var since = Math.Max(0, at - e.LoadStartSeconds);
            first = first is null ? since : Math.Min(first.Value, since);
        }

        if (e.FirstAcceptFailure is { } fail)
        {
            Seen(fail.Seconds, string.Create(CultureInfo.InvariantCulture,
                $"the server reported {e.AcceptFailures} failed accept() calls with {fail.Errno}, the first {Math.Max(0, fail.Seconds - e.LoadStartSeconds):0.00} s after the load started"));
        }

        var atLimit = e.Samples.FirstOrDefault(IsAtLimit);
        if (atLimit is not null)
        {
            Seen(atLimit.Seconds, string.Create(CultureInfo.InvariantCulture,
                $"descriptors reached {atLimit.Fds} of the limit {atLimit.FdLimit} at {atLimit.Seconds - e.LoadStartSeconds:0.00} s"));
        }

        if (e.ServerExitedAtSeconds is { } died)
        {
            var lastAlive = e.Samples.LastOrDefault(s => s.Alive);
            if (lastAlive is not null && lastAlive.FdLimit > 0 && lastAlive.Fds >= lastAlive.FdLimit * 0.9)
            {
                Seen(died, string.Create(CultureInfo.InvariantCulture,
                    $"the server died with exit code {e.ServerExitCode} at {died - e.LoadStartSeconds:0.00} s with {lastAlive.Fds} of {lastAlive.FdLimit} descriptors open{RuntimeAbort(e.ServerExitReason)}"));
            }
        }

        return new ExhaustionInfo
        {
            Reached = evidence.Count > 0,
            FirstAtSeconds = first is { } f ? Math.Round(f, 2) : null,
            Evidence = evidence,
        };
    }

    // The .NET runtime's abort when it cannot start a thread at the descriptor limit reads as a memory problem: say what it is.
    private static string RuntimeAbort(string? exitReason) =>
        exitReason?.Contains(DotNetAbortLine, StringComparison.Ordinal) == true
            ? $"; its \"{DotNetAbortLine}\" is the .NET runtime failing to start a thread at the descriptor limit (setting one up opens a pipe), not a lack of memory"
            : "";
}
