using System.Globalization;

namespace LoadRepro.Core.Modes;

/// <summary>Durations as users write them: <c>250ms</c>, <c>10s</c>, <c>2m</c>, <c>1.5s</c>.</summary>
public static class DurationText
{
    /// <summary>Parses a duration with a unit (ms, s, m, h); false when the text is not one.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var t = text.Trim().ToLowerInvariant();
        (string Unit, double Ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (unit, ms) in units)
        {
            if (!t.EndsWith(unit, StringComparison.Ordinal))
            {
                continue;
            }

            var number = t[..^unit.Length];
            if (unit == "s" && number.EndsWith('m'))
            {
                continue;
            }

            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 && double.IsFinite(n))
            {
                value = TimeSpan.FromMilliseconds(n * ms);
                return true;
            }

            return false;
        }

        return false;
    }

    /// <summary>Formats a duration the way it is parsed: whole seconds as <c>10s</c>, else milliseconds.</summary>
    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds % 1000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0}s")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0}ms");
}
