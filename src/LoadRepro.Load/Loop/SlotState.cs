namespace LoadRepro.Load.Loop;

/// <summary>Where one worker of the event loop stands in its request.</summary>
internal enum SlotState
{
    /// <summary>Between requests: queued for its next one (closed model) or free for the next arrival (open model); a kept connection stays open.</summary>
    Idle,

    /// <summary>Its connect is under way.</summary>
    Connecting,

    /// <summary>Part of the request is still to be sent (the socket's buffer was full).</summary>
    Sending,

    /// <summary>Reading the answers.</summary>
    Reading,

    /// <summary>Answered; waiting for the server's FIN, so that the server closes first.</summary>
    AwaitingClose,

    /// <summary>The load's bounds retired it: it starts nothing more.</summary>
    Retired,
}
