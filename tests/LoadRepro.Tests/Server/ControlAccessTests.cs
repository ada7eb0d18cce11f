using System.Net;
using LoadRepro.Server.Control;

namespace LoadRepro.Tests.Server;

public sealed class ControlAccessTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void LoopbackCaller_Allowed(string address) => Assert.True(ControlAccess.IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData("198.18.0.2")]
    [InlineData("10.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("::ffff:192.168.1.1")]
    [InlineData("fe80::1")]
    public void NonLoopbackCaller_Refused(string address) => Assert.False(ControlAccess.IsAllowed(IPAddress.Parse(address)));

    [Fact]
    public void UnknownCaller_Refused() => Assert.False(ControlAccess.IsAllowed(null));
}
