namespace LoadRepro.ApiTests;

/// <summary>A temporary folder for a test's run directories, removed on dispose.</summary>
public sealed class ReportsFolder : IDisposable
{
    /// <summary>The folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("loadrepro-api-").FullName;

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
