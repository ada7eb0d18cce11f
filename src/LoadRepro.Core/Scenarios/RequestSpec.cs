namespace LoadRepro.Core.Scenarios;

/// <summary>
/// One kind of request the load sends (<c>load.request</c>, or an item of <c>load.requests</c>): its method, path, extra
/// headers and body, and its share of a mix. The framing headers (Host, Content-Length, Connection) are the engine's.
/// </summary>
public sealed record RequestSpec
{
    /// <summary>The method, upper case; default <c>GET</c>.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>The path (with its query, if any); default <c>/</c>.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Extra header lines, each <c>Name: value</c> as written; default none.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>The body's bytes (<c>body</c> as UTF-8 text, or the file <c>bodyFile</c> names); default empty.</summary>
    public byte[] Body { get; init; } = [];

    /// <summary>Its weight in a mix: it is sent weight ÷ (sum of weights) of the time; default 1.</summary>
    public int Weight { get; init; } = 1;

    /// <summary>How the reports name it: the method and the path, e.g. <c>POST /upload</c>.</summary>
    public string Name => $"{Method} {Path}";
}
