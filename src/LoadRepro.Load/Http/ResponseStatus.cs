namespace LoadRepro.Load.Http;

/// <summary>Where the response reader is, or how it ended.</summary>
public enum ResponseStatus
{
    /// <summary>Reading the status line.</summary>
    StartLine,

    /// <summary>Reading headers.</summary>
    Headers,

    /// <summary>Reading a Content-Length body.</summary>
    Body,

    /// <summary>Reading a body that ends when the server closes.</summary>
    BodyToClose,

    /// <summary>Reading a chunked body's size line (<c>Transfer-Encoding: chunked</c>).</summary>
    ChunkSize,

    /// <summary>Reading a chunk's data.</summary>
    ChunkData,

    /// <summary>Reading the line break after a chunk's data.</summary>
    ChunkEnd,

    /// <summary>Reading the trailer lines after the last chunk, up to the empty line.</summary>
    Trailers,

    /// <summary>A whole response was read.</summary>
    Completed,

    /// <summary>The bytes are not an HTTP/1.x response.</summary>
    Error,
}
