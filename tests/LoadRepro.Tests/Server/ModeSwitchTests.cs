using LoadRepro.Core.Modes;
using LoadRepro.Core.Scenarios;
using LoadRepro.Server.Bugs;
using LoadRepro.Server.Control;
using LoadRepro.Server.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LoadRepro.Tests.Server;

public sealed class ModeSwitchTests
{
    private readonly ServerModes _modes = new(new ServerSettings { Bug = BugMode.LeakFile });
    private readonly LeakedFileRegistry _files = new();
    private readonly KestrelServerOptions _kestrel = new();
    private readonly ModeSwitch _switch;

    public ModeSwitchTests() =>
        _switch = new ModeSwitch(_modes, new LeakedConnectionRegistry(), _files, Options.Create(_kestrel), NullLogger<ModeSwitch>.Instance);

    [Fact]
    public void LeakFileSwitchedOff_ClosesTheLeakedFiles()
    {
        _files.Leak();
        _files.Leak();

        _switch.Apply(BugMode.None, null, "test");

        Assert.Equal(BugMode.None, _modes.Bug);
        Assert.Equal(0, _files.Count);
    }

    [Fact]
    public void KeepAliveOnly_KeepsTheBugAndWhatItHolds()
    {
        _files.Leak();
        Assert.True(KeepAliveMode.TryParse("timeout=2s", out var timeout, out _));

        _switch.Apply(null, timeout, "test");

        Assert.Equal(BugMode.LeakFile, _modes.Bug);
        Assert.Equal(1, _files.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), _kestrel.Limits.KeepAliveTimeout);
        _files.ReleaseAll();
    }

    [Fact]
    public void Forever_GivesKestrelAFiniteTenYearTimeout()
    {
        Assert.True(KeepAliveMode.TryParse("forever", out var forever, out _));

        _switch.Apply(null, forever, "test");

        Assert.Equal(TimeSpan.FromDays(3650), _kestrel.Limits.KeepAliveTimeout);
        Assert.Null(_modes.IdleTimeout);
    }
}
