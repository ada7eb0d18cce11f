namespace LoadRepro.Pipeline;

/// <summary>Where a run is, so an interruption can say what it stops and what it still writes.</summary>
public enum RunStage
{
    /// <summary>The server child is starting; nothing measured yet.</summary>
    StartingServer,

    /// <summary>The load runs while the sampler records.</summary>
    UnderLoad,

    /// <summary>The load stopped; sampling goes on while sockets drain.</summary>
    Draining,

    /// <summary>Everything is measured; the reports are being written.</summary>
    WritingReports,
}
