using System.Globalization;

namespace LoadRepro.Pipeline;

/// <summary>Creates <c>&lt;folder&gt;/&lt;UTC yyyyMMdd-HHmmss&gt;-&lt;name&gt;/</c>, with a suffix when that exists already.</summary>
public static class RunDirectory
{
    /// <summary>Creates the run's directory and returns its path.</summary>
    /// <exception cref="UserFacingException">The folder cannot be written.</exception>
    public static string Create(string folder, string name, DateTimeOffset startedAt)
    {
        var stem = $"{startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{name}";
        try
        {
            Directory.CreateDirectory(folder);
            for (var i = 1; ; i++)
            {
                var path = Path.Combine(folder, i == 1 ? stem : $"{stem}-{i}");
                if (!Directory.Exists(path))
                {
                    Directory.CreateDirectory(path);
                    return path;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"cannot write reports to {folder}: {e.Message.TrimEnd('.')}; choose another folder with --out", ExitCodes.BadInput, e);
        }
    }

    /// <summary>Removes a run directory that holds nothing worth keeping (the run never began); best effort.</summary>
    public static void Remove(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind, it is an empty folder: not worth hiding the real error for.
        }
    }
}
