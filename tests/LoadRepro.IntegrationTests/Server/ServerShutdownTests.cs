using LoadRepro.Core.Platform;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>The server on its own (as in a container, where 'docker stop' sends SIGTERM) stops cleanly.</summary>
public sealed class ServerShutdownTests
{
    [Theory]
    [InlineData(Linux.SigTerm)]
    [InlineData(LiveRun.SigInt)]
    public async Task Signal_StopsTheServerWithExitZero_AndNoError(int signal)
    {
        await using var server = LiveRun.Start("server", "--port", "0", "--bug", "ignore-peer-fin");
        Assert.True(await server.WaitForLineAsync("READY port=", TimeSpan.FromSeconds(30)), server.Stderr);
        server.Signal(signal);

        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.DoesNotContain("error", server.Stderr, StringComparison.OrdinalIgnoreCase);
    }
}
