using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace LoadRepro.Server.Raw;

/// <summary>Writes the raw endpoint's answers straight into the output pipe, without allocating.</summary>
public static class RawResponses
{
    private static ReadOnlySpan<byte> OkHead => "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "u8;

    private static ReadOnlySpan<byte> CloseHeader => "\r\nConnection: close"u8;

    private static ReadOnlySpan<byte> KeepAliveHeader => "\r\nConnection: keep-alive"u8;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> SmallBody => "ok\n"u8;

    /// <summary>Writes a 200 answer with <paramref name="bodyBytes"/> bytes of body ('x'), or the small body when negative.</summary>
    public static void WriteOk(PipeWriter output, int bodyBytes, bool close, bool http10KeepAlive)
    {
        var length = bodyBytes < 0 ? SmallBody.Length : bodyBytes;
        var span = output.GetSpan(128);
        var n = Copy(OkHead, span);
        _ = Utf8Formatter.TryFormat(length, span[n..], out var written);
        n += written;
        n += Copy(close ? CloseHeader : http10KeepAlive ? KeepAliveHeader : [], span[n..]);
        n += Copy(HeadEnd, span[n..]);
        output.Advance(n);
        if (bodyBytes < 0)
        {
            output.Write(SmallBody);
            return;
        }

        var left = bodyBytes;
        while (left > 0)
        {
            var chunk = output.GetSpan(Math.Min(left, 16384));
            var take = Math.Min(left, chunk.Length);
            chunk[..take].Fill((byte)'x');
            output.Advance(take);
            left -= take;
        }
    }

    /// <summary>Writes an error answer with <c>Connection: close</c>.</summary>
    public static void WriteError(PipeWriter output, ParseStatus status)
    {
        var line = status switch
        {
            ParseStatus.HeadTooLarge => "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8,
            ParseStatus.BodyTooLarge => "HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8,
            _ => "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8,
        };
        output.Write(line);
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }
}
