using LoadRepro.Core.Platform;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

public sealed class ServerLifecycleTests
{
    [Theory]
    [InlineData("none")]
    [InlineData("hang-handler")]
    public async Task Sigterm_StopsCleanlyWithExitCode0_EvenWithHungHandlers(string bug)
    {
        await using var server = await TestServerProcess.StartAsync("--bug", bug);
        await SocketDriver.AbandonAsync(new(System.Net.IPAddress.Loopback, server.Field("httpPort")), PlainHttpClient.Get(server.Port, "/hang"), 10, TimeSpan.FromMilliseconds(200));

        Assert.True(Linux.Signal(server.Pid, Linux.SigTerm));

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(10)), "the server did not stop within 10 s of SIGTERM");
        Assert.Equal(0, server.ExitCode);
        Assert.DoesNotContain(server.Stderr, l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase) || l.StartsWith("loadrepro:", StringComparison.Ordinal));
    }
}
