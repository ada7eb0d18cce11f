using System.Globalization;
using System.Text;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Load.Http;

/// <summary>Builds the request bytes once per kind and run; every connection sends the same array.</summary>
public static class RequestBytes
{
    /// <summary>One request. HTTP/1.0 requests carry no Connection header, so the server closes after answering.</summary>
    public static byte[] One(string host, RequestSpec spec, string http) => Build(host, spec, http, "", 1);

    /// <summary>
    /// <paramref name="depth"/> requests back to back for a persistent connection. HTTP/1.0 needs
    /// <c>Connection: keep-alive</c> to stay open; HTTP/1.1 is persistent by default.
    /// </summary>
    public static byte[] KeepAlive(string host, RequestSpec spec, string http, int depth) =>
        Build(host, spec, http, http == "1.0" ? "Connection: keep-alive\r\n" : "", depth);

    private static byte[] Build(string host, RequestSpec spec, string http, string extra, int depth)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{spec.Method} {spec.Path} HTTP/{http}\r\nHost: {host}\r\nUser-Agent: loadrepro\r\n");
        foreach (var header in spec.Headers)
        {
            head.Append(header).Append("\r\n");
        }

        // A body always has its length; a method that usually carries one says 0 when it has none, as HTTP clients do.
        if (spec.Body.Length > 0 || spec.Method is "POST" or "PUT" or "PATCH")
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {spec.Body.Length}\r\n");
        }

        head.Append(extra).Append("\r\n");
        var one = Encoding.ASCII.GetBytes(head.ToString()).Concat(spec.Body).ToArray();
        var all = new byte[one.Length * depth];
        for (var i = 0; i < depth; i++)
        {
            one.CopyTo(all, i * one.Length);
        }

        return all;
    }
}
