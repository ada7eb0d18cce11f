using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Sysctls;

namespace LoadRepro.Tests.Sysctls;

public sealed class SysctlCatalogueTests
{
    [Fact]
    public void EverySysctlALabProfileSets_HasAnEntry()
    {
        var profiles = Directory.GetFiles(Path.Combine(ScenarioCatalog.Locate().Folder, "profiles"), "*.yaml").Select(SysctlProfileParser.ParseFile).ToList();
        var set = profiles.SelectMany(p => p.Sysctls.Select(s => s.Key)).Distinct(StringComparer.Ordinal).ToList();

        Assert.Contains(profiles, p => p.Name == "blog-advice");
        Assert.Contains("net.ipv4.tcp_tw_recycle", set);
        Assert.All(set, name => Assert.True(SysctlCatalogue.Find(name) is not null, $"{name} is set by a profile but has no catalogue entry"));
    }

    [Fact]
    public void Entries_AreOnePerName_EachWithAMeaning_AndOnlyWatchedFigures()
    {
        Assert.Equal(SysctlCatalogue.Entries.Count, SysctlCatalogue.Entries.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(SysctlCatalogue.Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Summary), e.Name);
            Assert.False(string.IsNullOrWhiteSpace(e.Acts), e.Name);
            Assert.All(e.Figures, f => Assert.Contains(f, WatchedFigures.All));
            Assert.Same(e, SysctlCatalogue.Find(e.Name));
        });
    }

    [Fact]
    public void FinTimeout_BoundsOrphanedFinWait2_NotTimeWait()
    {
        var fin = SysctlCatalogue.Of("net.ipv4.tcp_fin_timeout");

        Assert.Equal(SysctlBound.Other, fin.Bounds);
        Assert.Contains(WatchedFigures.FinWait2, fin.Figures);
        Assert.Contains("it does not shorten TIME_WAIT (fixed at 60 s)", fin.Summary, StringComparison.Ordinal);
        Assert.Contains("TIME_WAIT stays 60 s", fin.Acts, StringComparison.Ordinal);
        var meaning = fin.Explain("17");
        Assert.StartsWith("How long an orphaned socket (closed by its process) waits in FIN_WAIT_2 for the peer's FIN: 17 s.", meaning, StringComparison.Ordinal);
        Assert.Contains("It does NOT shorten TIME_WAIT", meaning, StringComparison.Ordinal);
    }

    [Fact]
    public void TwRecycle_WasRemovedInLinux4_12()
    {
        var recycle = SysctlCatalogue.Of("net.ipv4.tcp_tw_recycle");

        Assert.Equal("Removed in Linux 4.12 (it broke clients behind NAT): advice to set it cannot be applied on this kernel.", recycle.Removal);
        Assert.Contains("removed in Linux 4.12", recycle.Summary, StringComparison.Ordinal);
        Assert.Contains("removed in Linux 4.12", recycle.Acts, StringComparison.Ordinal);
        Assert.All(SysctlCatalogue.Entries.Where(e => e != recycle), e => Assert.Null(e.Removal));
    }

    [Theory]
    [InlineData("0", "0: a port in TIME_WAIT is never reused by connect()")]
    [InlineData("1", "1: connect() may reuse a port in TIME_WAIT on any path")]
    [InlineData("2", "2 (the default): as 1, but on loopback only")]
    [InlineData("3", "3: not a documented value (0, 1 or 2).")]
    public void TwReuse_SaysWhatEachValueDoes(string value, string start)
    {
        var meaning = SysctlCatalogue.Of("net.ipv4.tcp_tw_reuse").Explain(value);

        Assert.StartsWith(start, meaning, StringComparison.Ordinal);
        Assert.EndsWith("The values: 0 never reuses; 1 reuses on any path; 2 (the default) on loopback only. Reuse needs tcp_timestamps on and waits tcp_tw_reuse_delay; it never frees a descriptor.", meaning, StringComparison.Ordinal);
    }

    [Fact]
    public void TwReuse_ActsOnOutgoingConnectsOnly_SoOnlyTheConnectingSidesFiguresCount()
    {
        var reuse = SysctlCatalogue.Of("net.ipv4.tcp_tw_reuse");

        Assert.Equal(SysctlBound.Ports, reuse.Bounds);
        Assert.Contains("outgoing connections only", reuse.Summary, StringComparison.Ordinal);
        Assert.Equal([WatchedFigures.AddressNotAvailable, WatchedFigures.ConnectionsOpened, WatchedFigures.ClientTimeWait], reuse.Figures);
        Assert.DoesNotContain(WatchedFigures.ServerTimeWait, reuse.Figures);
    }

    [Fact]
    public void PortRange_CountsThePortsAndTheSustainableConnectRate()
    {
        var range = SysctlCatalogue.Of("net.ipv4.ip_local_port_range");

        Assert.StartsWith("1000 local ports for outgoing connections", range.Explain("40000 40999"), StringComparison.Ordinal);
        Assert.Contains("above about 16 new connections/s sustained", range.Explain("40000 40999"), StringComparison.Ordinal);
        Assert.Equal("Not a port range.", range.Explain("40000"));
    }

    [Fact]
    public void WhatEachSettingBounds_DescriptorsOrPorts()
    {
        Assert.Equal(SysctlBound.Descriptors, SysctlCatalogue.Of("fs.file-max").Bounds);
        Assert.Equal(SysctlBound.Descriptors, SysctlCatalogue.Of("fs.nr_open").Bounds);
        Assert.Equal(SysctlBound.Ports, SysctlCatalogue.Of("net.ipv4.tcp_max_tw_buckets").Bounds);
        Assert.Equal(SysctlBound.Other, SysctlCatalogue.Of("net.core.somaxconn").Bounds);
        Assert.Contains("ENFILE", SysctlCatalogue.Of("fs.file-max").Explain("9223372036854775807"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheKeepAliveFamily_WaitsForIdleTime_AndFinTimeoutForItself_NothingElseWaits()
    {
        Assert.Equal(
            ["net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", SysctlCatalogue.KeepAliveTime],
            SysctlCatalogue.Entries.Where(e => e.WaitsFor is not null).Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal((SysctlCatalogue.KeepAliveTime, 7200), SysctlCatalogue.Of("net.ipv4.tcp_keepalive_probes").WaitsFor);
        Assert.Equal(("net.ipv4.tcp_fin_timeout", 60), SysctlCatalogue.Of("net.ipv4.tcp_fin_timeout").WaitsFor);
    }

    [Fact]
    public void ASettingTheCatalogueDoesNotKnow_HasNoSummary_AndMayMoveAnyFigure()
    {
        Assert.Null(SysctlCatalogue.Find("net.ipv4.tcp_no_such_thing"));

        var unknown = SysctlCatalogue.Of("net.ipv4.tcp_no_such_thing");

        Assert.Equal("net.ipv4.tcp_no_such_thing", unknown.Name);
        Assert.Equal("", unknown.Summary);
        Assert.Equal(WatchedFigures.All, unknown.Figures);
        Assert.StartsWith("is not one this report knows", unknown.Acts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("40000 40999", 1000)]
    [InlineData("32768 60999", 28232)]
    [InlineData("  1024   1024 ", 1)]
    [InlineData("40999 40000", null)]
    [InlineData("40000", null)]
    [InlineData("low high", null)]
    public void PortsPerTuple_IsTheRangesSize(string range, int? expected) =>
        Assert.Equal(expected, LocalPortRange.PortsPerTuple(range));
}
