using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Samples;
using LoadRepro.Pipeline.Servers;

namespace LoadRepro.Pipeline;

/// <summary>
/// Where one run happens: its three seams (where the server is, where the load runs, where samples come from) and what the
/// place itself adds to the record. <see cref="HostSite"/> and <see cref="Lab.LabSite"/> are the two configurations today.
/// </summary>
public interface IRunSite : IDisposable
{
    /// <summary>Where the server is.</summary>
    IServerPlacement Server { get; }

    /// <summary>Where the load runs.</summary>
    ILoadPlacement Load { get; }

    /// <summary>Where samples come from.</summary>
    ISamplePlacement Samples { get; }

    /// <summary>Makes the place ready before the run opens (the lab builds its namespaces); lines worth saying go to <paramref name="say"/>.</summary>
    /// <exception cref="UserFacingException">It cannot be made (not root, a step failed): exit 3.</exception>
    void Prepare(Action<string> say);

    /// <summary>Local ports per tuple on the connecting side.</summary>
    int PortsPerTuple { get; }

    /// <summary>The connecting side's port sysctls and path, where the site set them; null where it did not.</summary>
    ClientPortPath? ClientPorts { get; }

    /// <summary>The lab, for the record; null on the host.</summary>
    LabInfo? Lab { get; }
}
