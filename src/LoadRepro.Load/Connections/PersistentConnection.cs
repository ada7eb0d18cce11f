namespace LoadRepro.Load.Connections;

/// <summary>A connection kept for many requests, with the request timeout it reuses.</summary>
internal sealed class PersistentConnection : IDisposable
{
    private PersistentConnection(ClientConnection connection, RequestDeadline deadline)
    {
        Connection = connection;
        Deadline = deadline;
    }

    public ClientConnection Connection { get; }

    public RequestDeadline Deadline { get; }

    /// <summary>Connects within the request timeout, for a first request of kind <paramref name="kind"/>; the run's token cancels every later request on it.</summary>
    public static async ValueTask<PersistentConnection> OpenAsync(ConnectionOpener opener, int kind, TimeSpan timeout, CancellationToken run)
    {
        var deadline = new RequestDeadline(timeout, run);
        try
        {
            var connection = await opener.OpenAsync(kind, deadline.Start());
            return new PersistentConnection(connection, deadline);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Connection.Dispose();
        Deadline.Dispose();
    }
}
