using LoadRepro.Core.Modes;
using LoadRepro.Server.Hosting;

namespace LoadRepro.Tests.Server;

public sealed class ReadinessLineTests
{
    private static readonly ListenerPorts Ports = new() { Raw = 1001, Http = 1002, Control = 1003, Outbound = 1004, Downstream = 1005 };

    [Theory]
    [InlineData(StackKind.Raw, 1001)]
    [InlineData(StackKind.Http, 1002)]
    public void Port_IsThePortOfTheStackUnderTest(StackKind stack, int expected)
    {
        var line = ReadinessLine.Format(Ports, stack, 42, "none", "on", 1024);

        Assert.True(ReadinessLine.TryParse(line, out var port, out var pid));
        Assert.Equal(expected, port);
        Assert.Equal(42, pid);
    }

    [Fact]
    public void Format_KeepsTheFirstFieldsInTheirPlace_ThenAddsEveryPort()
    {
        var line = ReadinessLine.Format(Ports, StackKind.Http, 42, "leak-file", "timeout=5s", 256);

        Assert.StartsWith("READY port=1002 pid=42 bug=leak-file keepAlive=timeout=5s maxFds=256 ", line, StringComparison.Ordinal);
        Assert.True(ReadinessLine.TryParseField(line, "controlPort", out var control));
        Assert.Equal(1003, control);
        Assert.True(ReadinessLine.TryParseField(line, "downstreamPort", out var downstream));
        Assert.Equal(1005, downstream);
        Assert.Contains(" stack=http ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("READY")]
    [InlineData("NOT READY port=1 pid=2")]
    [InlineData("READY port=x pid=2")]
    [InlineData("READY port=0 pid=2")]
    [InlineData("READY pid=2")]
    public void TryParse_RefusesWhatIsNotAReadinessLine(string line) => Assert.False(ReadinessLine.TryParse(line, out _, out _));
}
