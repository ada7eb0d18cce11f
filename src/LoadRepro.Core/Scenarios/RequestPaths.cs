namespace LoadRepro.Core.Scenarios;

/// <summary>What a request path may be, wherever one is given (<c>load.path</c>, a request's <c>path</c>, a bug path).</summary>
public static class RequestPaths
{
    /// <summary>Why <paramref name="text"/> is not a request path (starts with /, ASCII, no spaces or control characters); null when it is one.</summary>
    public static string? Problem(string text) =>
        text.StartsWith('/') && !text.Any(c => c <= ' ' || c >= 0x7F)
            ? null
            : $"'{text}' is not a request path (starts with /, no spaces)";
}
