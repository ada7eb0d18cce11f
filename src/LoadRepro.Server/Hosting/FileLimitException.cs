namespace LoadRepro.Server.Hosting;

/// <summary>The descriptor limit asked for cannot be set (above the hard limit, or below what is already open).</summary>
public sealed class FileLimitException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public FileLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public FileLimitException()
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FileLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
