namespace LoadRepro.Server.Raw;

/// <summary>The paths the raw endpoint answers.</summary>
public enum RawEndpoint
{
    /// <summary>Any path not listed: a small body.</summary>
    Root,

    /// <summary><c>/bytes/N</c>: an N-byte body.</summary>
    Bytes,

    /// <summary><c>/delay/MS</c>: the small body after MS milliseconds.</summary>
    Delay,

    /// <summary><c>/hang</c>: never answered; the connection ends only when the peer closes it.</summary>
    Hang,
}
