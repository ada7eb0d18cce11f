using System.Text;

namespace LoadRepro.Load.Http;

/// <summary>
/// A no-throw HTTP/1.x response parser over bytes as they arrive: StartLine → Headers → Body | BodyToClose | chunked
/// (ChunkSize → ChunkData → ChunkEnd, …, Trailers) → Completed | Error. It keeps only a line's unread tail between reads,
/// never the body.
/// </summary>
public sealed class ResponseParser
{
    /// <summary>The largest response head accepted, in bytes.</summary>
    public const int MaxHeadBytes = 16384;

    private long _bodyLeft;
    private int _headBytes;
    private bool _chunked;

    /// <summary>Where the parser is.</summary>
    public ResponseStatus Status { get; private set; } = ResponseStatus.StartLine;

    /// <summary>The status code, once the start line was read.</summary>
    public int StatusCode { get; private set; }

    /// <summary>The server said <c>Connection: close</c> (or answered HTTP/1.0 without keep-alive).</summary>
    public bool ServerCloses { get; private set; }

    /// <summary>Starts over for the next response on the same connection.</summary>
    public void Reset()
    {
        Status = ResponseStatus.StartLine;
        StatusCode = 0;
        ServerCloses = false;
        _bodyLeft = 0;
        _headBytes = 0;
        _chunked = false;
    }

    /// <summary>Feeds bytes; returns how many were used. Head lines are used only when whole: keep the rest and feed it again with more.</summary>
    public int Feed(ReadOnlySpan<byte> data)
    {
        var used = 0;
        while (used < data.Length && Status is not (ResponseStatus.Completed or ResponseStatus.Error))
        {
            var rest = data[used..];
            if (Status is ResponseStatus.Body or ResponseStatus.ChunkData)
            {
                var take = (int)Math.Min(_bodyLeft, rest.Length);
                _bodyLeft -= take;
                used += take;
                if (_bodyLeft == 0)
                {
                    Status = Status == ResponseStatus.Body ? ResponseStatus.Completed : ResponseStatus.ChunkEnd;
                }

                continue;
            }

            if (Status is ResponseStatus.BodyToClose)
            {
                return data.Length;
            }

            var eol = rest.IndexOf("\r\n"u8);
            if (eol < 0)
            {
                if (_headBytes + rest.Length > MaxHeadBytes)
                {
                    Status = ResponseStatus.Error;
                }

                return used;
            }

            _headBytes += eol + 2;
            if (_headBytes > MaxHeadBytes)
            {
                Status = ResponseStatus.Error;
                return used;
            }

            OnLine(rest[..eol]);
            used += eol + 2;
        }

        return used;
    }

    /// <summary>Tells the parser the server closed; a body read to the close is then complete.</summary>
    public void OnEndOfStream()
    {
        Status = Status == ResponseStatus.BodyToClose ? ResponseStatus.Completed : ResponseStatus.Error;
    }

    private void OnLine(ReadOnlySpan<byte> line)
    {
        if (Status is ResponseStatus.ChunkSize or ResponseStatus.ChunkEnd or ResponseStatus.Trailers)
        {
            OnChunkLine(line);
            return;
        }

        if (Status == ResponseStatus.StartLine)
        {
            // "HTTP/1.1 200 OK"
            if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[8] != (byte)' ' || !TryDigits(line.Slice(9, 3), out var code))
            {
                Status = ResponseStatus.Error;
                return;
            }

            StatusCode = (int)code;
            ServerCloses = line[7] == (byte)'0';
            _bodyLeft = -1;
            Status = ResponseStatus.Headers;
            return;
        }

        if (line.IsEmpty)
        {
            // Transfer-Encoding wins over Content-Length (RFC 9112 6.3); each chunk line is then limited on its own.
            Status = (StatusCode is 204 or 304, _chunked, _bodyLeft) switch
            {
                (true, _, _) or (_, false, 0) => ResponseStatus.Completed,
                (_, true, _) => ResponseStatus.ChunkSize,
                (_, _, > 0) => ResponseStatus.Body,
                _ => ResponseStatus.BodyToClose,
            };
            _headBytes = 0;
            return;
        }

        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            Status = ResponseStatus.Error;
            return;
        }

        var name = line[..colon];
        var value = line[(colon + 1)..].Trim((byte)' ');
        if (name.Length == 14 && Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            if (!TryDigits(value, out var length))
            {
                Status = ResponseStatus.Error;
                return;
            }

            _bodyLeft = length;
        }
        else if (name.Length == 17 && Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            // The last coding is the one that frames the body: "gzip, chunked" is chunked.
            _chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
        }
        else if (name.Length == 10 && Ascii.EqualsIgnoreCase(name, "Connection"u8))
        {
            if (Ascii.EqualsIgnoreCase(value, "close"u8))
            {
                ServerCloses = true;
            }
            else if (Ascii.EqualsIgnoreCase(value, "keep-alive"u8))
            {
                ServerCloses = false;
            }
        }
    }

    // "1a;ext=x" → 26 bytes of data follow; "0" → the last chunk, then trailers up to an empty line.
    private void OnChunkLine(ReadOnlySpan<byte> line)
    {
        _headBytes = 0;
        if (Status == ResponseStatus.ChunkEnd)
        {
            Status = line.IsEmpty ? ResponseStatus.ChunkSize : ResponseStatus.Error;
            return;
        }

        if (Status == ResponseStatus.Trailers)
        {
            if (line.IsEmpty)
            {
                Status = ResponseStatus.Completed;
            }

            return;
        }

        var semicolon = line.IndexOf((byte)';');
        if (!TryHex(semicolon < 0 ? line.Trim((byte)' ') : line[..semicolon].Trim((byte)' '), out var size))
        {
            Status = ResponseStatus.Error;
            return;
        }

        _bodyLeft = size;
        Status = size == 0 ? ResponseStatus.Trailers : ResponseStatus.ChunkData;
    }

    private static bool TryHex(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 15)
        {
            return false;
        }

        foreach (var b in s)
        {
            var digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value * 16) + digit;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 15)
        {
            return false;
        }

        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
