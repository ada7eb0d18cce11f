using System.Buffers;

namespace LoadRepro.Server.Raw;

/// <summary>
/// A strict, total HTTP/1.x request parser: any byte sequence gives a status, never an exception,
/// and no more than <see cref="MaxHeadBytes"/> are ever looked at before a head is complete.
/// </summary>
public static class RequestHeadParser
{
    /// <summary>The largest request head accepted, in bytes.</summary>
    public const int MaxHeadBytes = 8192;

    /// <summary>The largest request body accepted (and skipped), in bytes.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>Largest N accepted in <c>/bytes/N</c> and <c>/delay/MS</c>.</summary>
    public const int MaxArgument = 10_000_000;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>
    /// Parses one request from the front of <paramref name="buffer"/>; on Complete, <paramref name="consumed"/> is the position
    /// after it. <paramref name="bugPath"/>, when not empty, is the one path whose requests are <see cref="RequestHead.OnBugPath"/>.
    /// </summary>
    public static ParseStatus TryParse(in ReadOnlySequence<byte> buffer, out RequestHead head, out SequencePosition consumed, ReadOnlySpan<byte> bugPath = default)
    {
        head = default;
        consumed = buffer.Start;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> headBytes, HeadEnd, advancePastDelimiter: true))
        {
            return buffer.Length > MaxHeadBytes ? ParseStatus.HeadTooLarge : ParseStatus.Incomplete;
        }

        if (headBytes.Length + HeadEnd.Length > MaxHeadBytes)
        {
            return ParseStatus.HeadTooLarge;
        }

        Span<byte> copy = stackalloc byte[MaxHeadBytes];
        var text = copy[..(int)headBytes.Length];
        headBytes.CopyTo(text);
        var status = ParseHead(text, bugPath, out head, out var contentLength);
        if (status != ParseStatus.Complete)
        {
            return status;
        }

        if (reader.Remaining < contentLength)
        {
            return ParseStatus.Incomplete;
        }

        reader.Advance(contentLength);
        consumed = reader.Position;
        return ParseStatus.Complete;
    }

    private static ParseStatus ParseHead(ReadOnlySpan<byte> text, ReadOnlySpan<byte> bugPath, out RequestHead head, out long contentLength)
    {
        head = default;
        contentLength = 0;
        var lineEnd = text.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? text : text[..lineEnd];
        if (!ParseRequestLine(requestLine, bugPath, out var http11, out var endpoint, out var argument, out var onBugPath))
        {
            return ParseStatus.Invalid;
        }

        bool close = false, keepAlive = false, sawLength = false;
        var rest = lineEnd < 0 ? [] : text[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return ParseStatus.Invalid;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (value.IndexOfAny((byte)'\r', (byte)'\n', (byte)0) >= 0)
            {
                return ParseStatus.Invalid;
            }

            if (name.EqualsAnyCase("Content-Length"u8))
            {
                if (sawLength || !TryParseNumber(value, out contentLength))
                {
                    return ParseStatus.Invalid;
                }

                sawLength = true;
                if (contentLength > MaxBodyBytes)
                {
                    return ParseStatus.BodyTooLarge;
                }
            }
            else if (name.EqualsAnyCase("Transfer-Encoding"u8))
            {
                return ParseStatus.BodyTooLarge;
            }
            else if (name.EqualsAnyCase("Connection"u8))
            {
                close |= value.ContainsAnyCase("close"u8);
                keepAlive |= value.ContainsAnyCase("keep-alive"u8);
            }
        }

        head = new RequestHead
        {
            Http11 = http11,
            ConnectionClose = close,
            ConnectionKeepAlive = keepAlive,
            Endpoint = endpoint,
            Argument = argument,
            OnBugPath = onBugPath,
        };
        return ParseStatus.Complete;
    }

    private static bool ParseRequestLine(ReadOnlySpan<byte> line, ReadOnlySpan<byte> bugPath, out bool http11, out RawEndpoint endpoint, out int argument, out bool onBugPath)
    {
        http11 = false;
        onBugPath = false;
        endpoint = RawEndpoint.Root;
        argument = 0;
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0 || !IsToken(line[..sp1]))
        {
            return false;
        }

        var afterMethod = line[(sp1 + 1)..];
        var sp2 = afterMethod.IndexOf((byte)' ');
        if (sp2 <= 0)
        {
            return false;
        }

        var target = afterMethod[..sp2];
        var version = afterMethod[(sp2 + 1)..];
        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            http11 = true;
        }
        else if (!version.SequenceEqual("HTTP/1.0"u8))
        {
            return false;
        }

        if (target[0] != (byte)'/' || target.IndexOfAnyInRange((byte)0, (byte)' ') >= 0 || target.Contains((byte)0x7F))
        {
            return false;
        }

        var query = target.IndexOf((byte)'?');
        var path = query >= 0 ? target[..query] : target;
        onBugPath = bugPath.IsEmpty || path.SequenceEqual(bugPath);
        if (path.StartsWith("/bytes/"u8) && TryParseNumber(path[7..], out var n) && n <= MaxArgument)
        {
            endpoint = RawEndpoint.Bytes;
            argument = (int)n;
        }
        else if (path.StartsWith("/delay/"u8) && TryParseNumber(path[7..], out var ms) && ms <= MaxArgument)
        {
            endpoint = RawEndpoint.Delay;
            argument = (int)ms;
        }
        else if (path.SequenceEqual("/hang"u8))
        {
            endpoint = RawEndpoint.Hang;
        }

        return true;
    }

    private static bool TryParseNumber(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 10)
        {
            return false;
        }

        foreach (var b in digits)
        {
            if (b < (byte)'0' || b > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static bool IsToken(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (b <= (byte)' ' || b >= 0x7F || "()<>@,;:\\\"/[]?={}"u8.Contains(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool EqualsAnyCase(this ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if ((a[i] | 0x20) != (b[i] | 0x20))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsAnyCase(this ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.Slice(i, needle.Length).EqualsAnyCase(needle))
            {
                return true;
            }
        }

        return false;
    }
}
