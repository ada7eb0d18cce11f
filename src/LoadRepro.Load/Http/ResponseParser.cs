using System.Text;

namespace LoadRepro.Load.Http;

/// <summary>
/// A no-throw HTTP/1.x response parser over bytes as they arrive: StartLine → Headers → Body | BodyToClose → Completed | Error.
/// It keeps only the head's unread tail between reads, never the body.
/// </summary>
public sealed class ResponseParser
{
    /// <summary>The largest response head accepted, in bytes.</summary>
    public const int MaxHeadBytes = 16384;

    private long _bodyLeft;
    private int _headBytes;

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
    }

    /// <summary>Feeds bytes; returns how many were used. Head lines are used only when whole: keep the rest and feed it again with more.</summary>
    public int Feed(ReadOnlySpan<byte> data)
    {
        var used = 0;
        while (used < data.Length && Status is not (ResponseStatus.Completed or ResponseStatus.Error))
        {
            var rest = data[used..];
            if (Status is ResponseStatus.Body)
            {
                var take = (int)Math.Min(_bodyLeft, rest.Length);
                _bodyLeft -= take;
                used += take;
                if (_bodyLeft == 0)
                {
                    Status = ResponseStatus.Completed;
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
            Status = _bodyLeft switch
            {
                0 => ResponseStatus.Completed,
                > 0 => ResponseStatus.Body,
                _ => StatusCode is 204 or 304 ? ResponseStatus.Completed : ResponseStatus.BodyToClose,
            };
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
