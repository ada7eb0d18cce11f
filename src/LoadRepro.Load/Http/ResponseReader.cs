using System.Buffers;

namespace LoadRepro.Load.Http;

/// <summary>
/// Reads responses from one connection through a <see cref="ResponseParser"/>. Bytes past the end of one response
/// (the next pipelined answer) stay in the buffer for the next read; the buffer is pooled and returned on dispose.
/// The async reads serve the runtime's sockets and TLS; the event loop drives the same steps itself
/// (<see cref="Begin"/>, <see cref="TryFinish"/>, <see cref="Free"/>, <see cref="Advance"/>, <see cref="EndOfStream"/>).
/// </summary>
public sealed class ResponseReader : IDisposable
{
    private const int BufferBytes = 16384;
    private byte[] _buffer = [];
    private int _start;
    private int _end;

    /// <summary>The parser of the response being read, or last read.</summary>
    public ResponseParser Parser { get; } = new();

    /// <summary>True once any byte of the current response arrived (a reused connection that got none may be retried).</summary>
    public bool ReceivedAny { get; private set; }

    /// <summary>The free end of the buffer, for the next receive.</summary>
    public Memory<byte> Free => Buffer.AsMemory(_end);

    // Rented at the first read: an idle slot of the event loop's open model holds none.
    private byte[] Buffer => _buffer.Length > 0 ? _buffer : _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);

    /// <summary>Reads one response: until the parser completes or errs, or the server closes.</summary>
    public async ValueTask<ResponseStatus> ReadAsync(IResponseSource source, CancellationToken ct)
    {
        Begin();
        while (!TryFinish())
        {
            var n = await source.ReceiveAsync(Free, ct);
            if (n == 0)
            {
                return EndOfStream();
            }

            Advance(n);
        }

        return Parser.Status;
    }

    /// <summary>Reads and drops bytes until the server closes (used when the server said it closes first).</summary>
    public async ValueTask ReadToEndAsync(IResponseSource source, CancellationToken ct)
    {
        Clear();
        while (await source.ReceiveAsync(Buffer.AsMemory(), ct) > 0)
        {
        }
    }

    /// <summary>Starts reading the next response (bytes already buffered are its first).</summary>
    public void Begin()
    {
        Parser.Reset();
        ReceivedAny = _end > _start;
    }

    /// <summary>
    /// Parses what is buffered; true when the response is over (<see cref="ResponseStatus.Completed"/> or
    /// <see cref="ResponseStatus.Error"/>), false when it needs more bytes in <see cref="Free"/>.
    /// </summary>
    public bool TryFinish()
    {
        if (_end == _start)
        {
            _start = _end = 0;
            return false;
        }

        _start += Parser.Feed(_buffer.AsSpan(_start, _end - _start));
        if (Parser.Status is ResponseStatus.Completed or ResponseStatus.Error)
        {
            return true;
        }

        Compact();
        if (_end == _buffer.Length)
        {
            // A head line longer than the buffer: not a response this harness sends for.
            Parser.OnEndOfStream();
            return true;
        }

        return false;
    }

    /// <summary>Takes <paramref name="count"/> bytes received into <see cref="Free"/>.</summary>
    public void Advance(int count)
    {
        ReceivedAny = true;
        _end += count;
    }

    /// <summary>The server closed before the response was over: what the parser makes of that.</summary>
    public ResponseStatus EndOfStream()
    {
        Parser.OnEndOfStream();
        return Parser.Status;
    }

    /// <summary>Drops whatever is buffered (the connection is done with, or only its FIN is awaited).</summary>
    public void Clear() => _start = _end = 0;

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
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
    }
}
