using System.Globalization;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Gates;

/// <summary>Applies <c>--expect key=value</c> gates from the command line over a scenario's <c>expect:</c>; the keys are the scenario file's.</summary>
public static class ExpectOverrides
{
    /// <summary>The gate keys, as written in scenario files and after <c>--expect</c>.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["diagnosis", "exhaustion", "maxCloseWait", "maxTimeWait", "maxFdGrowth", "minSuccessRatio", "maxP99Ms"];

    /// <summary>Applies each <c>key=value</c> in order; a later one wins.</summary>
    /// <exception cref="ScenarioException">A pair is malformed, names no gate, or has a value out of range; the message is one line.</exception>
    public static ExpectSettings Apply(ExpectSettings expect, IEnumerable<string> pairs)
    {
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ScenarioException($"--expect {pair}: expected key=value, e.g. maxCloseWait=5 (keys: {string.Join(", ", Keys)})");
            }

            var key = pair[..eq].Trim();
            var value = pair[(eq + 1)..].Trim();
            expect = key switch
            {
                "diagnosis" => expect with { Diagnosis = Diagnosis(pair, value) },
                "exhaustion" => expect with { Exhaustion = value switch { "true" => true, "false" => false, _ => throw Bad(pair, "expected true or false") } },
                "maxCloseWait" => expect with { MaxCloseWait = Count(pair, value) },
                "maxTimeWait" => expect with { MaxTimeWait = Count(pair, value) },
                "maxFdGrowth" => expect with { MaxFdGrowth = Count(pair, value) },
                "minSuccessRatio" => expect with { MinSuccessRatio = Number(pair, value, 0, 1) },
                "maxP99Ms" => expect with { MaxP99Ms = Number(pair, value, 0, 3_600_000) },
                _ => throw Bad(pair, $"'{key}' is not a gate (keys: {string.Join(", ", Keys)})"),
            };
        }

        return expect;
    }

    private static string Diagnosis(string pair, string value) =>
        KebabNames.TryParse<DiagnosisKind>(value, out var kind)
            ? KebabNames.Name(kind)
            : throw Bad(pair, $"not a diagnosis kind ({string.Join(", ", DiagnosisKinds.All)})");

    private static int Count(string pair, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Bad(pair, "expected a whole number of 0 or more");

    private static double Number(string pair, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max
            ? d
            : throw Bad(pair, string.Create(CultureInfo.InvariantCulture, $"expected a number from {min} to {max}"));

    private static ScenarioException Bad(string pair, string problem) => new($"--expect {pair}: {problem}");
}
