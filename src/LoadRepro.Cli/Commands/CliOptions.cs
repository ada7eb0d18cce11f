using System.CommandLine;
using LoadRepro.Core.Modes;

namespace LoadRepro.Cli.Commands;

/// <summary>Parsing helpers for option values users type: durations and bounded numbers, with one-line errors.</summary>
public static class CliOptions
{
    /// <summary>A duration option such as <c>--duration 10s</c>.</summary>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan min, TimeSpan max) =>
        new(name)
        {
            Description = description,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (!DurationText.TryParse(text, out var v))
                {
                    r.AddError($"{name}: '{text}' is not a duration (e.g. 500ms, 10s, 2m)");
                    return null;
                }

                if (v < min || v > max)
                {
                    r.AddError($"{name}: {text} is out of range ({DurationText.Format(min)} to {DurationText.Format(max)})");
                    return null;
                }

                return v;
            },
        };

    /// <summary>A whole-number option with bounds, such as <c>--rate 500</c>.</summary>
    public static Option<int?> Count(string name, string description, int min, int max) =>
        new(name)
        {
            Description = description,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (!ModeNames.TryParseCount(text, out var v))
                {
                    r.AddError($"{name}: '{text}' is not a whole number");
                    return null;
                }

                if (v < min || v > max)
                {
                    r.AddError($"{name}: {v} is out of range ({min} to {max})");
                    return null;
                }

                return v;
            },
        };
}
