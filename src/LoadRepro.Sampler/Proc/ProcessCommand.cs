namespace LoadRepro.Sampler.Proc;

/// <summary>A process's command line from /proc/PID/cmdline, for naming it in a report.</summary>
public static class ProcessCommand
{
    private const int MaxLength = 160;

    /// <summary>The arguments joined by spaces, cut at 160 characters; empty when the process is gone or unreadable.</summary>
    public static string Of(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
