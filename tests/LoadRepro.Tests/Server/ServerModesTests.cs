using LoadRepro.Core.Modes;
using LoadRepro.Core.Scenarios;
using LoadRepro.Server.Hosting;

namespace LoadRepro.Tests.Server;

public sealed class ServerModesTests
{
    [Theory]
    [InlineData("on", true, 1000, true)]
    [InlineData("on", false, 1, false)]
    [InlineData("off", true, 1, false)]
    [InlineData("forever", true, 1000, true)]
    [InlineData("timeout=2s", true, 5, true)]
    [InlineData("max-requests=3", true, 2, true)]
    [InlineData("max-requests=3", true, 3, false)]
    [InlineData("max-requests=3", false, 1, false)]
    public void KeepOpen_FollowsTheModeAndTheClient(string mode, bool clientWantsKeepAlive, int served, bool expected)
    {
        Assert.True(KeepAliveMode.TryParse(mode, out var keepAlive, out _));
        var modes = new ServerModes(new ServerSettings { KeepAlive = keepAlive });

        Assert.Equal(expected, modes.KeepOpen(clientWantsKeepAlive, served));
    }

    [Theory]
    [InlineData("on", 130_000.0)]
    [InlineData("off", 130_000.0)]
    [InlineData("timeout=2s", 2_000.0)]
    [InlineData("forever", null)]
    public void IdleTimeout_OfEachMode(string mode, double? expectedMs)
    {
        Assert.True(KeepAliveMode.TryParse(mode, out var keepAlive, out _));
        var modes = new ServerModes(new ServerSettings { KeepAlive = keepAlive });

        Assert.Equal(expectedMs, modes.IdleTimeout?.TotalMilliseconds);
    }

    [Theory]
    [InlineData(BugMode.None, StackKind.Raw)]
    [InlineData(BugMode.IgnorePeerFin, StackKind.Raw)]
    [InlineData(BugMode.SlowClose, StackKind.Raw)]
    [InlineData(BugMode.HangHandler, StackKind.Http)]
    [InlineData(BugMode.LeakFile, StackKind.Http)]
    [InlineData(BugMode.OutboundPerRequest, StackKind.Http)]
    public void EachBug_IsServedOnItsOwnStack_UnlessOverridden(BugMode bug, StackKind expected)
    {
        Assert.Equal(expected, new ServerSettings { Bug = bug }.EffectiveStack);
        var other = expected == StackKind.Raw ? StackKind.Http : StackKind.Raw;
        Assert.Equal(other, new ServerSettings { Bug = bug, Stack = other }.EffectiveStack);
    }
}
