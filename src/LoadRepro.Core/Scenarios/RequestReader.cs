using System.Text;

namespace LoadRepro.Core.Scenarios;

/// <summary>
/// Reads <c>load.request</c> and <c>load.requests</c> into <see cref="RequestSpec"/>s, with the same strict
/// <c>file:line: key: problem</c> errors as the rest of a scenario. A body file is read here, once, relative to the scenario file.
/// </summary>
internal static class RequestReader
{
    /// <summary>Whether <paramref name="text"/> is a request path (<see cref="RequestPaths"/>), in the form the checks of <see cref="YamlValues"/> take.</summary>
    public static (bool Ok, string Value, string Error) PathShape(string text) =>
        RequestPaths.Problem(text) is { } problem ? (false, text, problem) : (true, text, "");

    /// <summary>The kinds the load section asks for; empty when it has neither key (then <c>load.path</c> decides).</summary>
    public static IReadOnlyList<RequestSpec> Read(ScenarioDto.LoadDto m, YamlValues at, string scenarioFile)
    {
        if (m.Request is not null && m.Requests is not null)
        {
            throw at.Error("load.requests", "give either request (one kind) or requests (a weighted mix), not both");
        }

        if ((m.Request is not null || m.Requests is not null) && m.Path is not null)
        {
            throw at.Error("load.path", "path is the shorthand for one GET request: with request or requests, put the path there");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(scenarioFile)) ?? ".";
        if (m.Request is { } one)
        {
            if (one.Weight is not null)
            {
                throw at.Error("load.request.weight", "a single request has no weight: weights belong to the items of requests");
            }

            return [ReadOne(one, "load.request", at, folder)];
        }

        if (m.Requests is not { } mix)
        {
            return [];
        }

        if (mix.Count is 0 or > RequestDefaults.MaxKinds)
        {
            throw at.Error("load.requests", $"expected 1 to {RequestDefaults.MaxKinds} kinds of request, e.g. [{{weight: 9, path: /health}}, {{weight: 1, method: POST, path: /upload}}]");
        }

        var kinds = mix.Select((item, i) => ReadOne(item, $"load.requests[{i}]", at, folder)).ToList();
        var twice = kinds.GroupBy(k => k.Name).FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? kinds
            : throw at.Error("load.requests", $"'{twice.Key}' is listed twice: give it one item and add the weights");
    }

    private static RequestSpec ReadOne(ScenarioDto.RequestDto m, string key, YamlValues at, string folder)
    {
        if (m.Body is not null && m.BodyFile is not null)
        {
            throw at.Error($"{key}.bodyFile", "give either body (text) or bodyFile (a file), not both");
        }

        var d = new RequestSpec();
        return new RequestSpec
        {
            Method = at.Choice(m.Method, $"{key}.method", Method) ?? d.Method,
            Path = at.Choice(m.Path, $"{key}.path", PathShape) ?? d.Path,
            Headers = ReadHeaders(m.Headers, $"{key}.headers", at),
            Body = at.Text(m.Body, $"{key}.body") is { } text ? BodyText(text, $"{key}.body", at)
                : at.Text(m.BodyFile, $"{key}.bodyFile") is { } file ? BodyFile(file, $"{key}.bodyFile", at, folder)
                : d.Body,
            Weight = at.Int(m.Weight, $"{key}.weight", 1, RequestDefaults.MaxWeight) ?? d.Weight,
        };
    }

    private static (bool Ok, string Value, string Error) Method(string text)
    {
        var upper = text.ToUpperInvariant();
        return RequestDefaults.Methods.Contains(upper)
            ? (true, upper, "")
            : (false, text, $"'{text}' is not a method the load sends ({string.Join(", ", RequestDefaults.Methods)})");
    }

    private static List<string> ReadHeaders(List<string>? lines, string key, YamlValues at)
    {
        if (lines is null)
        {
            return [];
        }

        if (lines.Count > RequestDefaults.MaxHeaders)
        {
            throw at.Error(key, $"{lines.Count} headers, at most {RequestDefaults.MaxHeaders}");
        }

        return lines.Select((line, i) => at.Choice(line, $"{key}[{i}]", Header) ?? throw at.Error($"{key}[{i}]", "has no value")).ToList();
    }

    private static (bool Ok, string Value, string Error) Header(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return (false, line, $"'{line}' is not a header: expected 'Name: value'");
        }

        var name = line[..colon].Trim();
        if (name.Length != colon || name.Any(c => c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal)))
        {
            return (false, line, $"'{line[..colon]}' is not a header name (letters, digits and -, no spaces)");
        }

        if (line.Any(c => c is '\r' or '\n' || c >= 0x7F))
        {
            return (false, line, "a header value is one line of ASCII");
        }

        return RequestDefaults.FramingHeaders.FirstOrDefault(f => f.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } framing
            ? (false, line, $"{framing} is written by the engine (from the target, the body and the connection strategy), not by the scenario")
            : (true, $"{name}: {line[(colon + 1)..].Trim()}", "");
    }

    private static byte[] BodyText(string text, string key, YamlValues at)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length <= RequestDefaults.MaxBodyBytes ? bytes : throw at.Error(key, $"{bytes.Length} bytes, at most {RequestDefaults.MaxBodyBytes}");
    }

    private static byte[] BodyFile(string file, string key, YamlValues at, string folder)
    {
        var full = Path.GetFullPath(Path.Combine(folder, file));
        var info = new FileInfo(full);
        if (!info.Exists)
        {
            throw at.Error(key, $"'{file}' does not exist (looked for {full}; a body file's path is relative to the scenario file)");
        }

        if (info.Length > RequestDefaults.MaxBodyBytes)
        {
            throw at.Error(key, $"'{file}' has {info.Length} bytes, at most {RequestDefaults.MaxBodyBytes}");
        }

        try
        {
            return File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw at.Error(key, $"cannot read '{file}': {e.Message}");
        }
    }
}
