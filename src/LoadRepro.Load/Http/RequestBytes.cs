using System.Text;

namespace LoadRepro.Load.Http;

/// <summary>Builds the request bytes once per run; every connection sends the same array.</summary>
public static class RequestBytes
{
    /// <summary>A GET request. HTTP/1.0 requests carry no Connection header, so the server closes after answering.</summary>
    public static byte[] Get(string host, string path, string http) =>
        Encoding.ASCII.GetBytes(Text(host, path, http, ""));

    /// <summary>
    /// <paramref name="depth"/> GET requests back to back for a persistent connection. HTTP/1.0 needs
    /// <c>Connection: keep-alive</c> to stay open; HTTP/1.1 is persistent by default.
    /// </summary>
    public static byte[] KeepAlive(string host, string path, string http, int depth) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Text(host, path, http, http == "1.0" ? "Connection: keep-alive\r\n" : ""), depth)));

    private static string Text(string host, string path, string http, string extra) =>
        $"GET {path} HTTP/{http}\r\nHost: {host}\r\nUser-Agent: loadrepro\r\n{extra}\r\n";
}
