namespace LoadRepro.Load.Loop;

/// <summary>Where one worker of the event loop stands in its request.</summary>
internal enum SlotState
{
    /// <summary>Waiting in the loop's queue to start its next request.</summary>
    Queued,

    /// <summary>Its connect is under way.</summary>
    Connecting,

    /// <summary>Part of the request is still to be sent (the socket's buffer was full).</summary>
    Sending,

    /// <summary>Reading the answers.</summary>
    Reading,

    /// <summary>Answered; waiting for the server's FIN, so that the server closes first.</summary>
    AwaitingClose,

    /// <summary>The load's bounds stopped it: it starts nothing more.</summary>
    Stopped,
}
