using LoadRepro.Core.Scenarios;
using LoadRepro.Pipeline;

namespace LoadRepro.Engine;

/// <summary>
/// The API's errors in the exceptions .NET callers expect: bad input (a scenario, an option, a URL) is an
/// <see cref="ArgumentException"/>, a problem of the environment (port busy, not root, server did not start) an
/// <see cref="InvalidOperationException"/>; the message is the one line the command line prints.
/// </summary>
internal static class ApiErrors
{
    /// <summary>Runs <paramref name="work"/>, translating the implementation's failures.</summary>
    public static T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Awaits <paramref name="work"/>, translating the implementation's failures.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
    }

    private static Exception? Translate(Exception e) => e switch
    {
        ScenarioException or InvalidDataException => new ArgumentException(e.Message, e),
        UserFacingException { ExitCode: ExitCodes.BadInput } => new ArgumentException(e.Message, e),
        UserFacingException => new InvalidOperationException(e.Message, e),
        _ => null,
    };
}
