using Microsoft.AspNetCore.Connections;

namespace LoadRepro.Server.Bugs;

/// <summary>The silent downstream's listener: reads whatever arrives and never answers; closes when the caller does.</summary>
public sealed class SilentConnectionHandler : ConnectionHandler
{
    /// <inheritdoc />
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(connection.ConnectionClosed);
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is ConnectionResetException or ConnectionAbortedException or OperationCanceledException or IOException)
        {
            // The caller went away: so does this side.
        }
    }
}
