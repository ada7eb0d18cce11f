using LoadRepro.Core.Platform;

namespace LoadRepro.Load.Tls;

/// <summary>
/// The transport under an <see cref="System.Net.Security.SslStream"/> that measures the CPU its handshake costs the client.
/// A handshake alternates between the TLS library's work (building the ClientHello, checking the certificate, the key
/// exchange) and socket I/O (waiting for the server's flights). While metering, each stretch from where the handshake
/// resumed (the start, or an I/O completed) to where it next calls I/O (or ends) is timed with the thread's own CPU clock:
/// the library's work and nothing of the wait. A stretch that ends on another thread than it began is not counted (an
/// undercount, never an overcount). After the handshake the meter is off and passes bytes through.
/// </summary>
internal sealed class HandshakeCpuMeter : Stream
{
    private readonly Stream _inner;
    private bool _metering;
    private long _resumedAt;
    private int _resumedOn;

    public HandshakeCpuMeter(Stream inner) => _inner = inner;

    /// <summary>The handshake's CPU time measured so far, in nanoseconds.</summary>
    public long CpuNanoseconds { get; private set; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Starts metering: the handshake begins on this thread now.</summary>
    public void Start()
    {
        _metering = true;
        Resume();
    }

    /// <summary>Stops metering: the handshake ended here (or failed).</summary>
    public void Stop()
    {
        Pause();
        _metering = false;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Pause();
        var n = await _inner.ReadAsync(buffer, cancellationToken);
        Resume();
        return n;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Pause();
        await _inner.WriteAsync(buffer, cancellationToken);
        Resume();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Resume()
    {
        if (_metering)
        {
            _resumedOn = Environment.CurrentManagedThreadId;
            _resumedAt = Linux.ThreadCpuNanoseconds();
        }
    }

    private void Pause()
    {
        if (_metering && _resumedAt != 0 && _resumedOn == Environment.CurrentManagedThreadId)
        {
            CpuNanoseconds += Math.Max(0, Linux.ThreadCpuNanoseconds() - _resumedAt);
        }

        _resumedAt = 0;
    }
}
