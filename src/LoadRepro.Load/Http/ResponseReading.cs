using System.Net.Sockets;

namespace LoadRepro.Load.Http;

/// <summary>Reads one response from a socket through a <see cref="ResponseParser"/>, into a caller's buffer.</summary>
public static class ResponseReading
{
    /// <summary>Reads until the parser completes, errs, or the server closes. The buffer must hold a whole response head.</summary>
    public static async ValueTask ReadAsync(Socket socket, ResponseParser parser, Memory<byte> buffer, CancellationToken ct)
    {
        var kept = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer[kept..], SocketFlags.None, ct);
            if (n == 0)
            {
                parser.OnEndOfStream();
                return;
            }

            var available = kept + n;
            var used = parser.Feed(buffer.Span[..available]);
            if (parser.Status is ResponseStatus.Completed or ResponseStatus.Error)
            {
                return;
            }

            kept = available - used;
            if (kept == buffer.Length)
            {
                // A head line longer than the buffer: not a response this harness sends for.
                parser.OnEndOfStream();
                return;
            }

            buffer.Span.Slice(used, kept).CopyTo(buffer.Span);
        }
    }
}
