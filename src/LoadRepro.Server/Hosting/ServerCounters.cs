using LoadRepro.Core.Modes;

namespace LoadRepro.Server.Hosting;

/// <summary>What the server has done so far, by stack: connections open and accepted, requests served, bug effects.</summary>
public sealed class ServerCounters
{
    private long _rawOpen;
    private long _httpOpen;
    private long _rawAccepted;
    private long _httpAccepted;
    private long _rawRequests;
    private long _httpRequests;
    private long _hungRequests;
    private long _outboundCalls;

    /// <summary>Connections open now on the raw stack (held ones included).</summary>
    public long RawOpen => Interlocked.Read(ref _rawOpen);

    /// <summary>Connections open now on Kestrel's HTTP stack.</summary>
    public long HttpOpen => Interlocked.Read(ref _httpOpen);

    /// <summary>Connections accepted so far on the raw stack.</summary>
    public long RawAccepted => Interlocked.Read(ref _rawAccepted);

    /// <summary>Connections accepted so far on Kestrel's HTTP stack.</summary>
    public long HttpAccepted => Interlocked.Read(ref _httpAccepted);

    /// <summary>Requests answered so far on the raw stack.</summary>
    public long RawRequests => Interlocked.Read(ref _rawRequests);

    /// <summary>Requests that reached an endpoint on Kestrel's HTTP stack.</summary>
    public long HttpRequests => Interlocked.Read(ref _httpRequests);

    /// <summary><c>/hang</c> requests still waiting for their downstream.</summary>
    public long HungRequests => Interlocked.Read(ref _hungRequests);

    /// <summary>Calls made to the outbound endpoint so far.</summary>
    public long OutboundCalls => Interlocked.Read(ref _outboundCalls);

    /// <summary>A connection was accepted on <paramref name="stack"/>.</summary>
    public void Opened(StackKind stack)
    {
        if (stack == StackKind.Raw)
        {
            Interlocked.Increment(ref _rawOpen);
            Interlocked.Increment(ref _rawAccepted);
        }
        else
        {
            Interlocked.Increment(ref _httpOpen);
            Interlocked.Increment(ref _httpAccepted);
        }
    }

    /// <summary>A connection on <paramref name="stack"/> ended.</summary>
    public void Closed(StackKind stack) => Interlocked.Decrement(ref stack == StackKind.Raw ? ref _rawOpen : ref _httpOpen);

    /// <summary>A request was answered (or reached an endpoint) on <paramref name="stack"/>.</summary>
    public void Request(StackKind stack) => Interlocked.Increment(ref stack == StackKind.Raw ? ref _rawRequests : ref _httpRequests);

    /// <summary>A <c>/hang</c> request started (+1) or ended (-1) waiting.</summary>
    public void Hung(int delta) => Interlocked.Add(ref _hungRequests, delta);

    /// <summary>An outbound call was made.</summary>
    public void OutboundCall() => Interlocked.Increment(ref _outboundCalls);
}
