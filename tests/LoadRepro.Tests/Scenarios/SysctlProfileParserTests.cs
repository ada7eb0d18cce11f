using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Scenarios;

public sealed class SysctlProfileParserTests
{
    [Fact]
    public void Profile_KeepsSysctlsInFileOrder()
    {
        var p = SysctlProfileParser.Parse("name: p\ndescription: d\nsysctls:\n  net.ipv4.tcp_tw_reuse: 1\n  net.ipv4.ip_local_port_range: 40000 40999\n", "p.yaml");

        Assert.Equal("p", p.Name);
        Assert.Equal(["net.ipv4.tcp_tw_reuse", "net.ipv4.ip_local_port_range"], p.Sysctls.Select(s => s.Key));
        Assert.Equal("40000 40999", p.Sysctls[1].Value);
        Assert.Equal("net/ipv4/ip_local_port_range", SysctlProfile.PathOf(p.Sysctls[1].Key));
    }

    [Theory]
    [InlineData("name: p\nsysctls:\n  fs.file-max: 10\n", "p.yaml:3: sysctls.fs.file-max: not a per-namespace network sysctl")]
    [InlineData("name: p\nsysctls:\n  net.ipv4.tcp_tw_reuse: \"1; reboot\"\n", "p.yaml:3: sysctls.net.ipv4.tcp_tw_reuse: '1; reboot' is not a sysctl value")]
    [InlineData("name: p\nsysctls:\n  net.ipv4.tcp_tw_reuse: [1, 2]\n", "p.yaml:3: sysctls.net.ipv4.tcp_tw_reuse: expected a single value")]
    [InlineData("name: p\nsysctl:\n  net.ipv4.tcp_tw_reuse: 1\n", "p.yaml:2: sysctl: unknown key")]
    [InlineData("sysctls: {}\n", "p.yaml:1: name: missing")]
    public void BadProfiles_NameFileLineAndKey(string yaml, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => SysctlProfileParser.Parse(yaml, "p.yaml"));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
