using System.Diagnostics;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>The endpoints answer the same on both stacks: <c>/</c>, <c>/bytes/N</c>, <c>/delay/MS</c>, <c>/hang</c>.</summary>
public sealed class EndpointTests
{
    [Theory]
    [InlineData("raw")]
    [InlineData("http")]
    public async Task BytesAndDelay_AnswerAsNamed(string stack)
    {
        await using var server = await TestServerProcess.StartAsync("--stack", stack);

        var (bytesSocket, bytes) = await PlainHttpClient.RequestAsync(server.EndPoint, PlainHttpClient.Get(server.Port, "/bytes/5000"), readUntil: new string('x', 5000));
        bytesSocket.Dispose();
        Assert.Contains("Content-Length: 5000\r\n", bytes, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n" + new string('x', 5000), bytes, StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        var (delaySocket, delayed) = await PlainHttpClient.RequestAsync(server.EndPoint, PlainHttpClient.Get(server.Port, "/delay/300"));
        delaySocket.Dispose();
        Assert.Contains(" 200 OK", delayed, StringComparison.Ordinal);
        Assert.True(clock.ElapsedMilliseconds >= 290, $"/delay/300 answered after {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("http")]
    public async Task HangWithBugOff_NoLeakOnceTheClientGivesUp(string stack)
    {
        await using var server = await TestServerProcess.StartAsync("--stack", stack);

        await SocketDriver.AbandonAsync(server.EndPoint, PlainHttpClient.Get(server.Port, "/hang"), 20, TimeSpan.FromMilliseconds(300));

        var filter = $"( sport = :{server.Port} )";
        var open = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (open = await Ss.CountAsync("connected", filter) - await Ss.CountAsync("time-wait", filter)) == 0, TimeSpan.FromSeconds(5)),
            $"{open} server connections still open after the clients gave up on /hang");
    }

    [Fact]
    public async Task SwitchingLeakFileOff_ClosesTheLeakedFiles()
    {
        // leak-file opens the server's own assembly per request; the runtime holds it open a fixed number of times.
        const string leakedFile = "LoadRepro.Server.dll";
        await using var server = await TestServerProcess.StartAsync("--bug", "leak-file");
        var before = ProcFds.OnFile(server.Pid, leakedFile);
        using var connection = await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 50);
        Assert.Equal(before + 50, ProcFds.OnFile(server.Pid, leakedFile));
        using var control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Field("controlPort")}"), Timeout = TimeSpan.FromSeconds(5) };

        using var switched = await control.PostAsync(new Uri("/modes?bug=none", UriKind.Relative), null);

        switched.EnsureSuccessStatusCode();
        Assert.Equal(before, ProcFds.OnFile(server.Pid, leakedFile));
    }
}
