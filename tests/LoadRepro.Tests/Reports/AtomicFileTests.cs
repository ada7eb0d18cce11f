using System.Text.Json;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Tests.Reports;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loadrepro-atomic-" + Guid.NewGuid().ToString("N")[..8]);

    public AtomicFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WriterFailingHalfway_LeavesThePreviousFileWholeAndNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "summary.json");
        AtomicFile.WriteAllText(path, """{"schema":1,"passed":true}""");

        var failure = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("{\"schema\":1,\"pas"u8);
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal("disk full (simulated)", failure.Message);
        Assert.Equal("""{"schema":1,"passed":true}""", File.ReadAllText(path));
        Assert.Equal(["summary.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Rewrite_ReplacesTheWholeContent()
    {
        var path = Path.Combine(_folder, "report.md");
        AtomicFile.WriteAllText(path, new string('x', 10_000));
        AtomicFile.WriteAllText(path, "short");

        Assert.Equal("short", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task ConcurrentReader_NeverSeesAHalfWrittenFile()
    {
        var path = Path.Combine(_folder, "summary.json");
        var big = JsonSerializer.Serialize(Enumerable.Range(0, 20_000).ToArray());
        AtomicFile.WriteAllText(path, big);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // A half-written file would fail to parse or parse to fewer elements.
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                Assert.Equal(20_000, doc.RootElement.GetArrayLength());
                Interlocked.Increment(ref reads);
            }
        });

        // Keep rewriting until the reader has read it many times mid-rewrite (the reader may start late on a busy machine).
        var writes = 0;
        while ((Volatile.Read(ref reads) < 200 || writes < 200) && !reader.IsCompleted && !stop.IsCancellationRequested)
        {
            AtomicFile.WriteAllText(path, big);
            writes++;
        }

        await stop.CancelAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(reads >= 200, $"the reader read the file only {reads} times in 20 s");
        Assert.Single(Directory.GetFiles(_folder));
    }
}
