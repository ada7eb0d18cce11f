namespace LoadRepro;

/// <summary>
/// Thrown by <see cref="LoadReproAssert"/> when a run or a comparison did not turn out as asserted. Its message says what to
/// act on: the diagnosis, each failed gate with expected and measured value, where the report is. Test runners (xunit, NUnit,
/// MSTest) show it as the test's failure.
/// </summary>
public sealed class LoadReproAssertionException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public LoadReproAssertionException()
        : base("a LoadRepro assertion failed")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public LoadReproAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public LoadReproAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
