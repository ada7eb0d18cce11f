using System.CommandLine;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Cli.Commands;

/// <summary><c>--junit FILE</c> on run and compare: the gates as JUnit XML for CI test reports, its folder checked before anything runs.</summary>
public static class JUnitOption
{
    /// <summary>Builds the option.</summary>
    public static Option<string?> Create() => new("--junit")
    {
        Description = "Also write the gates as JUnit XML to FILE, for CI test reports (GitLab, Jenkins, GitHub); its folder must exist.",
        HelpName = "FILE",
    };

    /// <summary>Checks, before anything runs, that <paramref name="path"/> can be written: a typo should not cost a run.</summary>
    /// <exception cref="UserFacingException">It cannot (exit 2).</exception>
    public static void Check(string? path)
    {
        if (path is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserFacingException("--junit: give a file name, e.g. --junit gates.xml");
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw Unwritable(path, "it is a folder; give a file name in it, e.g. gates.xml");
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw Unwritable(path, $"the folder {folder} does not exist");
        }

        try
        {
            // The file is put in place through a temporary file beside it (AtomicFile): the folder is what must take a new file.
            using var probe = new FileStream(Path.Combine(folder, $".loadrepro-junit-check.{Environment.ProcessId}.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(path, $"cannot write in {folder} ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Writes <paramref name="xml"/> to <paramref name="path"/> atomically and says where.</summary>
    /// <exception cref="UserFacingException">It could not be written after all (exit 2); the run's own reports are written by then.</exception>
    public static void Write(string path, string xml)
    {
        try
        {
            AtomicFile.WriteAllText(path, xml);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(path, $"not written ({e.Message.TrimEnd('.')}); the run's own reports are written");
        }

        Console.Out.WriteLine($"gates as JUnit XML: {path}");
    }

    private static UserFacingException Unwritable(string path, string why) => new($"--junit {path}: {why}");
}
