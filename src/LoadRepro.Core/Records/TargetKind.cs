namespace LoadRepro.Core.Records;

/// <summary>Whose server a run loaded.</summary>
public enum TargetKind
{
    /// <summary>Our test server, started by the run.</summary>
    Embedded,

    /// <summary>The user's own server, given by <c>--target URL --target-pid PID</c>.</summary>
    External,
}
