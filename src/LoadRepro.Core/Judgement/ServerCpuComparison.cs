using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Judgement;

/// <summary>
/// Server CPU per 1,000 requests (<see cref="ServerCpu"/>) in a comparison: the figure, the sentence every story adds, and the
/// ratio the keep-alive story states. A side with no reading is "not measured", never 0.
/// </summary>
internal static class ServerCpuComparison
{
    /// <summary>The figure's name in compare.json and the tables.</summary>
    public const string FigureName = "server CPU per 1,000 requests";

    /// <summary>The figure, lower is better; its change names a side that was not measured.</summary>
    public static ComparisonFigure Figure(RunRecord a, RunRecord b)
    {
        var (ma, mb) = (PerThousand(a), PerThousand(b));
        if (ma is { } x && mb is { } y)
        {
            return ComparisonJudge.Figure(FigureName, "ms", x, y, lowerIsBetter: true);
        }

        return new ComparisonFigure { Name = FigureName, Unit = "ms", A = ma, B = mb, Change = NotMeasured(ma, mb) };
    }

    /// <summary>The sentence every comparison carries, e.g. "Server CPU per 1,000 requests: 262 ms in A, 61 ms in B (−76.7%)."</summary>
    public static ComparisonReason Reason(RunRecord a, RunRecord b)
    {
        var (ma, mb) = (PerThousand(a), PerThousand(b));
        var change = ma is { } x && mb is { } y ? " (" + ComparisonJudge.Change(x, y) + ")" : "";
        return new(F($"Server CPU per 1,000 requests: {Text(a)} in A, {Text(b)} in B{change}."), null);
    }

    /// <summary>
    /// How the CPU per request of <paramref name="candidate"/> stands against <paramref name="reference"/>, e.g. "4.3× less
    /// server CPU per request (61 ms instead of 262 ms per 1,000 requests)".
    /// </summary>
    public static string Saving(RunRecord reference, RunRecord candidate, string referenceName, string candidateName)
    {
        var (mr, mc) = (PerThousand(reference), PerThousand(candidate));
        if (mr is not { } r || mc is not { } c)
        {
            var where = (mr, mc) switch { (null, null) => "with either", (null, _) => "with " + referenceName, _ => "with " + candidateName };
            return $"server CPU per request not measured {where}";
        }

        var figures = F($"{c:#,0.#} ms instead of {r:#,0.#} ms per 1,000 requests");
        return c <= 0 || r <= 0 ? F($"server CPU {figures}")
            : c < r ? F($"{r / c:0.#}× less server CPU per request ({figures})")
            : F($"{c / r:0.#}× the server CPU per request ({figures})");
    }

    /// <summary>The run's figure in words: "262 ms" or "not measured".</summary>
    public static string Text(RunRecord r) => r.ServerCpu?.PerThousandText() ?? "not measured";

    private static double? PerThousand(RunRecord r) => r.ServerCpu?.MsPerThousandRequests;

    private static string NotMeasured(double? a, double? b) => (a, b) switch
    {
        (null, null) => "not measured in either",
        (null, _) => "not measured in A",
        _ => "not measured in B",
    };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
