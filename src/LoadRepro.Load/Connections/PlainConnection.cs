using System.Net.Sockets;

namespace LoadRepro.Load.Connections;

/// <summary>A plain TCP connection: the socket's own send and receive, nothing between.</summary>
public sealed class PlainConnection : ClientConnection
{
    internal PlainConnection(Socket socket)
        : base(socket)
    {
    }

    /// <inheritdoc />
    public override async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        while (!bytes.IsEmpty)
        {
            var n = await Socket.SendAsync(bytes, SocketFlags.None, ct);
            bytes = bytes[n..];
        }
    }

    /// <inheritdoc />
    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken ct) => Socket.ReceiveAsync(buffer, SocketFlags.None, ct);
}
