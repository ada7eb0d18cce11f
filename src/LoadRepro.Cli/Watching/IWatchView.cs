using LoadRepro.Core.Judgement;

namespace LoadRepro.Cli.Watching;

/// <summary>How the watch shows its frames: a live table on a terminal, plain lines when redirected, or nothing.</summary>
public interface IWatchView
{
    /// <summary>Runs <paramref name="sampling"/> (the sampling loop), which hands each new frame to the action it is given.</summary>
    Task RunAsync(Func<Action<WatchFrame>, Task> sampling);

    /// <summary>Prints one line after the view has closed.</summary>
    void Line(string text);
}
