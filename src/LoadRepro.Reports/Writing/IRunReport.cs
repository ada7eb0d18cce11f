using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Writing;

/// <summary>One output format of a run; every format reads the same record and samples.</summary>
public interface IRunReport
{
    /// <summary>The file it writes in the run directory.</summary>
    string FileName { get; }

    /// <summary>Renders the run to text.</summary>
    string Render(RunRecord run, IReadOnlyList<Sample> samples, IReadOnlyList<ClientSecond> client);
}
