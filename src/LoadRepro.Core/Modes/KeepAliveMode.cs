namespace LoadRepro.Core.Modes;

/// <summary>A keep-alive mode: <c>on</c>, <c>off</c>, <c>forever</c>, <c>timeout=5s</c> or <c>max-requests=N</c>.</summary>
public sealed record KeepAliveMode
{
    /// <summary>The kind of mode.</summary>
    public required KeepAliveKind Kind { get; init; }

    /// <summary>The idle timeout, for <see cref="KeepAliveKind.Timeout"/>.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Requests served before the server closes, for <see cref="KeepAliveKind.MaxRequests"/>.</summary>
    public int? MaxRequests { get; init; }

    /// <summary>The default: persistent connections.</summary>
    public static KeepAliveMode On { get; } = new() { Kind = KeepAliveKind.On };

    /// <summary>Parses a mode as users type it; false with a reason when it is not one.</summary>
    public static bool TryParse(string text, out KeepAliveMode mode, out string error)
    {
        var t = text.Trim().ToLowerInvariant();
        mode = On;
        error = "";
        switch (t)
        {
            case "on":
                return true;
            case "off":
                mode = new() { Kind = KeepAliveKind.Off };
                return true;
            case "forever":
                mode = new() { Kind = KeepAliveKind.Forever };
                return true;
        }

        if (t.StartsWith("timeout=", StringComparison.Ordinal))
        {
            if (DurationText.TryParse(t["timeout=".Length..], out var idle) && idle > TimeSpan.Zero)
            {
                mode = new() { Kind = KeepAliveKind.Timeout, IdleTimeout = idle };
                return true;
            }

            error = $"'{text}' needs a positive duration after timeout=, e.g. timeout=5s";
            return false;
        }

        if (t.StartsWith("max-requests=", StringComparison.Ordinal))
        {
            if (ModeNames.TryParseCount(t["max-requests=".Length..], out var n) && n > 0)
            {
                mode = new() { Kind = KeepAliveKind.MaxRequests, MaxRequests = n };
                return true;
            }

            error = $"'{text}' needs a positive whole number after max-requests=, e.g. max-requests=100";
            return false;
        }

        error = $"'{text}' is not a keep-alive mode (on, off, forever, timeout=5s, max-requests=N)";
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        KeepAliveKind.Off => "off",
        KeepAliveKind.Forever => "forever",
        KeepAliveKind.Timeout => $"timeout={DurationText.Format(IdleTimeout ?? TimeSpan.Zero)}",
        KeepAliveKind.MaxRequests => $"max-requests={MaxRequests}",
        _ => "on",
    };
}
