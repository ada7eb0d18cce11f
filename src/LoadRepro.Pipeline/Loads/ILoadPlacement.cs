using LoadRepro.Core.Scenarios;
using LoadRepro.Load.Engine;

namespace LoadRepro.Pipeline.Loads;

/// <summary>
/// Seam two of a run: where the load runs. In this process, or in a child inside the lab's client namespace; a share of the
/// load on other hosts fits here next.
/// </summary>
public interface ILoadPlacement
{
    /// <summary>Starts the load against <paramref name="target"/>; files it needs go into <paramref name="runDirectory"/>.</summary>
    ILoadExecution Start(LoadSettings load, LoadTarget target, string runDirectory);
}
