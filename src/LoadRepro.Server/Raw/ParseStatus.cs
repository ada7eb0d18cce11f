namespace LoadRepro.Server.Raw;

/// <summary>What the request parser made of the bytes so far.</summary>
public enum ParseStatus
{
    /// <summary>More bytes are needed.</summary>
    Incomplete,

    /// <summary>A whole request (head and body) was read.</summary>
    Complete,

    /// <summary>The bytes are not an HTTP/1.x request: answer 400 and close.</summary>
    Invalid,

    /// <summary>The head is larger than the limit: answer 431 and close.</summary>
    HeadTooLarge,

    /// <summary>The body is larger than the limit, or chunked: answer 413 and close.</summary>
    BodyTooLarge,
}
