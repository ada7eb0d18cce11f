namespace LoadRepro.Load.Http;

/// <summary>Where a <see cref="ResponseReader"/> reads a connection's bytes from: the socket, or the TLS stream over it.</summary>
public interface IResponseSource
{
    /// <summary>Receives into <paramref name="buffer"/>; 0 when the server closed.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct);
}
