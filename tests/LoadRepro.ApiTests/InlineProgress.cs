namespace LoadRepro.ApiTests;

/// <summary>A progress callback called on the reporting thread (<see cref="Progress{T}"/> would post it elsewhere, later).</summary>
internal sealed class InlineProgress(Action<RunUpdate> report) : IProgress<RunUpdate>
{
    public void Report(RunUpdate value) => report(value);
}
