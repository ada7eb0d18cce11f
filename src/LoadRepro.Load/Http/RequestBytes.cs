using System.Text;

namespace LoadRepro.Load.Http;

/// <summary>Builds the request bytes once per run; every connection sends the same array.</summary>
public static class RequestBytes
{
    /// <summary>A GET request. HTTP/1.0 requests carry no Connection header, so the server closes after answering.</summary>
    public static byte[] Get(string host, string path, string http) =>
        Encoding.ASCII.GetBytes($"GET {path} HTTP/{http}\r\nHost: {host}\r\nUser-Agent: loadrepro\r\n\r\n");
}
