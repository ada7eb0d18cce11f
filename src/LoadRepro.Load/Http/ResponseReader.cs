using System.Buffers;

namespace LoadRepro.Load.Http;

/// <summary>
/// Reads responses from one connection through a <see cref="ResponseParser"/>. Bytes past the end of one response
/// (the next pipelined answer) stay in the buffer for the next read; the buffer is pooled and returned on dispose.
/// </summary>
public sealed class ResponseReader : IDisposable
{
    private const int BufferBytes = 16384;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
    private int _start;
    private int _end;

    /// <summary>The parser of the response being read, or last read.</summary>
    public ResponseParser Parser { get; } = new();

    /// <summary>True once any byte of the current response arrived (a reused connection that got none may be retried).</summary>
    public bool ReceivedAny { get; private set; }

    /// <summary>Reads one response: until the parser completes or errs, or the server closes.</summary>
    public async ValueTask<ResponseStatus> ReadAsync(IResponseSource source, CancellationToken ct)
    {
        Parser.Reset();
        ReceivedAny = _end > _start;
        while (true)
        {
            if (_end > _start)
            {
                _start += Parser.Feed(_buffer.AsSpan(_start, _end - _start));
                if (Parser.Status is ResponseStatus.Completed or ResponseStatus.Error)
                {
                    return Parser.Status;
                }

                Compact();
                if (_end == _buffer.Length)
                {
                    // A head line longer than the buffer: not a response this harness sends for.
                    Parser.OnEndOfStream();
                    return Parser.Status;
                }
            }

            var n = await source.ReceiveAsync(_buffer.AsMemory(_end), ct);
            if (n == 0)
            {
                Parser.OnEndOfStream();
                return Parser.Status;
            }

            ReceivedAny = true;
            _end += n;
        }
    }

    /// <summary>Reads and drops bytes until the server closes (used when the server said it closes first).</summary>
    public async ValueTask ReadToEndAsync(IResponseSource source, CancellationToken ct)
    {
        _start = _end = 0;
        while (await source.ReceiveAsync(_buffer.AsMemory(), ct) > 0)
        {
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Compact()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
    }
}
