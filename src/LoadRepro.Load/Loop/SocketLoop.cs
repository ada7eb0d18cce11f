using System.Diagnostics;
using System.Net.Sockets;
using LoadRepro.Core.Platform;
using LoadRepro.Load.Http;
using LoadRepro.Load.Metrics;
using LoadRepro.Load.Models;
using LoadRepro.Load.Native;

namespace LoadRepro.Load.Loop;

/// <summary>
/// The <c>short</c> and <c>keep-alive</c> strategies over plain TCP on one thread: non-blocking sockets on one epoll
/// instance, edge-triggered, one slot per request in flight, started by the closed or the open model (<see cref="LoopModel"/>).
/// A request costs what it needs of the kernel (keep-alive: one send, one read, a share of one epoll_wait) and allocates
/// nothing. The strategies' rules are those of <see cref="Strategies.ShortConnectionStrategy"/> and
/// <see cref="Strategies.KeepAliveStrategy"/> (see <see cref="LoopExchange"/>); latency counts from each request's intended
/// start, timeouts are checked every few milliseconds.
/// </summary>
internal sealed class SocketLoop : IDisposable, ILoopStarts
{
    private static readonly long ScanTicks = Stopwatch.Frequency / 200;
    private readonly LoopSlot[] _slots;
    private readonly LoopModel _model;
    private readonly LoopExchange _exchange;
    private readonly byte[] _address;
    private readonly AddressFamily _family;
    private readonly RequestMix _mix;
    private readonly LoadMetrics _metrics;
    private readonly int _epoll;

    public SocketLoop(LoopExchange exchange, System.Net.IPEndPoint endPoint, LoopModel model, RequestMix mix, LoadMetrics metrics)
    {
        _exchange = exchange;
        _model = model;
        _address = Sockets.AddressOf(endPoint);
        _family = endPoint.AddressFamily;
        _mix = mix;
        _metrics = metrics;
        _slots = new LoopSlot[model.Slots];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new LoopSlot(i);
        }

        _epoll = Sockets.CreateEpoll();
        if (_epoll < 0)
        {
            throw new SocketException(Sockets.LastErrno);
        }
    }

    /// <summary>What the loop's thread allocated while it ran: the cost of its requests on the heap (none each).</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>Runs the load on a thread of its own until its bounds or <paramref name="ct"/> stop it.</summary>
    public Task RunAsync(CancellationToken ct) => DedicatedThread.Run("load loop", () =>
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Run(ct);
        AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
    });

    public void Dispose()
    {
        foreach (var slot in _slots)
        {
            CloseConnection(slot);
            slot.Dispose();
        }

        Sockets.Close(_epoll);
    }

    /// <inheritdoc />
    public void Start(LoopSlot slot, long intendedStart)
    {
        _metrics.OnStarted(_exchange.Depth);
        slot.Kind = _mix.Next();
        slot.IntendedStart = intendedStart;
        slot.Attempt = 0;
        Begin(slot);
    }

    /// <inheritdoc />
    public void Retire(LoopSlot slot)
    {
        CloseConnection(slot);
        slot.State = SlotState.Retired;
    }

    private void Run(CancellationToken ct)
    {
        _model.Open(_slots, Stopwatch.GetTimestamp());
        Span<EpollEvent> events = stackalloc EpollEvent[256];
        var nextScan = Stopwatch.GetTimestamp() + ScanTicks;
        while (!ct.IsCancellationRequested)
        {
            var wait = _model.Turn(Stopwatch.GetTimestamp(), this);
            if (wait < 0)
            {
                return;
            }

            var n = Sockets.Wait(_epoll, events, wait);
            if (n < 0 && Sockets.LastErrno != Sockets.EIntr)
            {
                throw new SocketException(Sockets.LastErrno);
            }

            for (var i = 0; i < n; i++)
            {
                var slot = _slots[(int)(uint)events[i].Data];
                if ((uint)(events[i].Data >> 32) == slot.Connection && slot.Fd >= 0)
                {
                    OnEvent(slot, events[i].Events);
                }
            }

            var now = Stopwatch.GetTimestamp();
            if (now >= nextScan)
            {
                ExpireOverdue(now);
                nextScan = now + ScanTicks;
            }
        }
    }

    /// <summary>Makes the slot's request: on its kept connection, else on a new one.</summary>
    private void Begin(LoopSlot slot)
    {
        slot.Answered = 0;
        slot.Reused = slot.Fd >= 0;
        slot.Deadline = Stopwatch.GetTimestamp() + _exchange.TimeoutTicks;
        if (slot.Reused)
        {
            StartSending(slot);
            return;
        }

        slot.Reader.Clear();
        var fd = Sockets.OpenTcp(_family);
        if (fd < 0)
        {
            Fail(slot, ErrnoNames.OfErrno(Sockets.LastErrno));
            return;
        }

        slot.Fd = fd;
        slot.Connection++;
        var error = Sockets.Connect(fd, _address);
        if (error is not (0 or Sockets.EInProgress))
        {
            Fail(slot, ErrnoNames.OfErrno(error));
            return;
        }

        error = Sockets.Watch(_epoll, fd, slot.Tag);
        if (error != 0)
        {
            Fail(slot, ErrnoNames.OfErrno(error));
            return;
        }

        slot.State = SlotState.Connecting;
    }

    private void OnEvent(LoopSlot slot, uint events)
    {
        switch (slot.State)
        {
            case SlotState.Connecting:
                OnConnectDone(slot, events);
                break;
            case SlotState.Sending:
                Send(slot);
                break;
            case SlotState.Reading or SlotState.AwaitingClose:
                Receive(slot, events);
                break;
            case SlotState.Idle when (events & (Sockets.EpollRdHup | Sockets.EpollHup | Sockets.EpollErr)) != 0:
                // A kept connection the server closed before its next request was sent: the next one opens a new connection.
                CloseConnection(slot);
                break;
        }
    }

    private void OnConnectDone(LoopSlot slot, uint events)
    {
        if ((events & (Sockets.EpollErr | Sockets.EpollHup)) != 0)
        {
            var error = Sockets.PendingError(slot.Fd);
            Fail(slot, ErrnoNames.OfErrno(error == 0 ? 104 : error));
            return;
        }

        if ((events & Sockets.EpollOut) == 0)
        {
            return;
        }

        _metrics.OnConnected(slot.Kind, Sockets.LocalPort(slot.Fd));
        StartSending(slot);
    }

    private void StartSending(LoopSlot slot)
    {
        if (_exchange.Persistent)
        {
            // keep-alive times each request from its send, as its connection's deadline restarts per request.
            slot.Deadline = Stopwatch.GetTimestamp() + _exchange.TimeoutTicks;
        }

        slot.Sent = 0;
        slot.State = SlotState.Sending;
        Send(slot);
    }

    private void Send(LoopSlot slot)
    {
        var request = _exchange.Requests[slot.Kind];
        while (slot.Sent < request.Length)
        {
            var n = Sockets.Send(slot.Fd, request.AsSpan(slot.Sent));
            if (n < 0)
            {
                if (WaitsOrFails(slot))
                {
                    return;
                }

                continue;
            }

            slot.Sent += (int)n;
        }

        slot.State = SlotState.Reading;
        slot.Reader.Begin();

        // Answers already buffered (pipelined ones read with an earlier answer) are read before waiting for more.
        if (slot.Reader.TryFinish())
        {
            OnAnswer(slot);
        }
    }

    /// <summary>
    /// Reads what the connection has. Edge-triggered: a short read means nothing more had arrived, except a FIN that came
    /// with the data, which the event's RDHUP tells, so then the read goes on to the end.
    /// </summary>
    private void Receive(LoopSlot slot, uint events)
    {
        var peerClosed = (events & (Sockets.EpollRdHup | Sockets.EpollHup | Sockets.EpollErr)) != 0;
        var connection = slot.Connection;
        while (slot.Connection == connection && slot.State is SlotState.Reading or SlotState.AwaitingClose)
        {
            var free = slot.Reader.Free.Span;
            var n = Sockets.Receive(slot.Fd, free);
            if (n > 0)
            {
                if (slot.State == SlotState.AwaitingClose)
                {
                    slot.Reader.Clear();
                }
                else
                {
                    slot.Reader.Advance((int)n);
                    if (slot.Reader.TryFinish())
                    {
                        OnAnswer(slot);
                    }
                }

                if (n < free.Length && !peerClosed)
                {
                    return;
                }

                continue;
            }

            if (n == 0)
            {
                OnEndOfStream(slot);
                return;
            }

            if (WaitsOrFails(slot))
            {
                return;
            }
        }
    }

    /// <summary>
    /// After a send or read that returned -1: true when the slot waits for its next event (EAGAIN) or its request failed,
    /// false when the call was interrupted and is to be made again.
    /// </summary>
    private bool WaitsOrFails(LoopSlot slot)
    {
        var errno = Sockets.LastErrno;
        if (errno == Sockets.EIntr)
        {
            return false;
        }

        if (errno != Sockets.EAgain)
        {
            Fail(slot, ErrnoNames.OfErrno(errno));
        }

        return true;
    }

    /// <summary>An answer is over: counts it, then reads the next of the pipeline, or ends the request.</summary>
    private void OnAnswer(LoopSlot slot)
    {
        while (true)
        {
            var response = slot.Reader.Parser;
            if (response.Status != ResponseStatus.Completed || response.StatusCode is < 200 or > 299)
            {
                if (IsStale(slot))
                {
                    Retry(slot);
                }
                else
                {
                    FailRest(slot, FailureKinds.BadResponse);
                    CloseAndEnd(slot);
                }

                return;
            }

            _metrics.OnOk(slot.Kind, slot.IntendedStart);
            slot.Answered++;
            if (slot.Answered < _exchange.Depth)
            {
                slot.Reader.Begin();
                if (slot.Reader.TryFinish())
                {
                    continue;
                }

                return;
            }

            if (response.ServerCloses)
            {
                // The server said it closes: let it close first, so TIME_WAIT stays on its side.
                slot.Reader.Clear();
                slot.State = SlotState.AwaitingClose;
                return;
            }

            if (!_exchange.Persistent)
            {
                CloseConnection(slot);
            }

            EndRequest(slot);

            return;
        }
    }

    /// <summary>The server closed the connection: the answer being read ends here, and so does the connection.</summary>
    private void OnEndOfStream(LoopSlot slot)
    {
        var connection = slot.Connection;
        while (slot.Connection == connection && slot.State == SlotState.Reading)
        {
            // An answer that runs to the close ends now; a pipelined one that never began fails as a bad response.
            slot.Reader.EndOfStream();
            OnAnswer(slot);
        }

        if (slot.Connection == connection)
        {
            CloseConnection(slot);
            if (slot.State == SlotState.AwaitingClose)
            {
                EndRequest(slot);
            }
        }
    }

    /// <summary>A socket error: retried once when a kept connection turns out stale, else the request's failure.</summary>
    private void Fail(LoopSlot slot, string failure)
    {
        if (slot.State == SlotState.AwaitingClose)
        {
            // The answer was counted; waiting for the FIN is no second outcome.
            CloseAndEnd(slot);
            return;
        }

        if (slot.State != SlotState.Connecting && IsStale(slot))
        {
            Retry(slot);
            return;
        }

        FailRest(slot, failure);
        CloseAndEnd(slot);
    }

    private void ExpireOverdue(long now)
    {
        foreach (var slot in _slots)
        {
            if (slot.State is SlotState.Connecting or SlotState.Sending or SlotState.Reading or SlotState.AwaitingClose && now >= slot.Deadline)
            {
                if (slot.State != SlotState.AwaitingClose)
                {
                    FailRest(slot, FailureKinds.Timeout);
                }

                CloseAndEnd(slot);
            }
        }
    }

    /// <summary>
    /// A kept connection that the server closed while it was idle fails before any byte of the first answer: the request
    /// never reached the application, so it is retried once on a new connection (as HTTP clients do).
    /// </summary>
    private bool IsStale(LoopSlot slot) =>
        _exchange.Persistent && slot.Reused && slot.Attempt == 0 && slot.Answered == 0 && !slot.Reader.ReceivedAny;

    private void Retry(LoopSlot slot)
    {
        CloseConnection(slot);
        slot.Attempt++;
        Begin(slot);
    }

    private void FailRest(LoopSlot slot, string failure)
    {
        for (var i = slot.Answered; i < _exchange.Depth; i++)
        {
            _metrics.OnFailed(slot.Kind, failure);
        }
    }

    private void CloseAndEnd(LoopSlot slot)
    {
        CloseConnection(slot);
        EndRequest(slot);
    }

    /// <summary>The slot's request is over; the model decides what it does next.</summary>
    private void EndRequest(LoopSlot slot)
    {
        slot.State = SlotState.Idle;
        _model.OnIdle(slot);
    }

    private static void CloseConnection(LoopSlot slot)
    {
        if (slot.Fd >= 0)
        {
            Sockets.Close(slot.Fd);
            slot.Fd = -1;
            slot.Connection++;
        }
    }
}
