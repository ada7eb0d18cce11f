namespace LoadRepro.Reports.Charts;

/// <summary>The colours of the reports: one per figure, the same in every chart and in the legend.</summary>
public static class ChartPalette
{
    /// <summary>All descriptors.</summary>
    public const string Descriptors = "#1f4e99";

    /// <summary>Socket descriptors.</summary>
    public const string SocketDescriptors = "#2a9d8f";

    /// <summary>Other descriptors (files, pipes).</summary>
    public const string OtherDescriptors = "#8a5a9e";

    /// <summary>ESTABLISHED.</summary>
    public const string Established = "#2a9d8f";

    /// <summary>CLOSE_WAIT: the leak colour.</summary>
    public const string CloseWait = "#d62828";

    /// <summary>TIME_WAIT.</summary>
    public const string TimeWait = "#e9a23b";

    /// <summary>FIN_WAIT2.</summary>
    public const string FinWait2 = "#6c757d";

    /// <summary>LAST_ACK.</summary>
    public const string LastAck = "#8a5a9e";

    /// <summary>Successful requests.</summary>
    public const string Ok = "#2a9d8f";

    /// <summary>Failed requests.</summary>
    public const string Failed = "#d62828";

    /// <summary>Failure kinds drawn as lines of their own, most frequent first.</summary>
    public static IReadOnlyList<string> Failures { get; } = [Failed, "#f77f00", "#9d0208", "#c77dff"];

    /// <summary>Every other failure kind, together.</summary>
    public const string OtherFailures = "#6c757d";

    /// <summary>The descriptor limit and the first EMFILE.</summary>
    public const string Limit = "#b00020";

    /// <summary>Load start and stop.</summary>
    public const string Phase = "#555555";

    /// <summary>The first run of a comparison.</summary>
    public const string RunA = "#1f4e99";

    /// <summary>The second run of a comparison.</summary>
    public const string RunB = "#e76f51";
}
