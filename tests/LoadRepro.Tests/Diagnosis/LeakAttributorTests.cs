using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;

namespace LoadRepro.Tests.Diagnosis;

public sealed class LeakAttributorTests
{
    private static readonly RequestKindSummary[] Kinds =
    [
        new() { Name = "GET /health", Weight = 9, ConnectionsOpened = 3688 },
        new() { Name = "POST /upload", Weight = 1, ConnectionsOpened = 412 },
    ];

    [Fact]
    public void LeftSockets_AreCountedAgainstTheRequestOfTheirClientPort()
    {
        // Ports 40000-40411 carried uploads, the rest health checks; every upload's socket is left in CLOSE_WAIT.
        var left = Enumerable.Range(40000, 412).Select(p => new LeftSocket(TcpStates.CloseWait, p)).ToList();

        var a = LeakAttributor.Attribute(left, port => port < 40412 ? 1 : 0, Kinds);

        Assert.Equal("POST /upload: 412 of 412 connections left in CLOSE_WAIT; GET /health: 0 of 3,688", a.Summary);
        Assert.Equal([0, 412], a.Requests.Select(r => r.CloseWait));
        Assert.Equal(0, a.Unmatched);
    }

    [Fact]
    public void EstablishedAndUnknownPorts_AreNamedSeparately_OtherStatesIgnored()
    {
        LeftSocket[] left = [new(TcpStates.Established, 1), new(TcpStates.CloseWait, 1), new(TcpStates.Established, 2), new(TcpStates.TimeWait, 2)];

        var a = LeakAttributor.Attribute(left, port => port == 1 ? 0 : -1, Kinds);

        Assert.Equal("GET /health: 2 of 3,688 connections left in CLOSE_WAIT (1) or ESTABLISHED (1); POST /upload: 0 of 412; 1 left from ports no request of this run opened", a.Summary);
        Assert.Equal(1, a.Unmatched);
    }

    [Fact]
    public void OneKindWithNothingLeft_IsNotWorthSaying_AMixOrALeakIs()
    {
        RequestKindSummary[] one = [new() { Name = "GET /", ConnectionsOpened = 1500 }];

        Assert.False(LeakAttributor.Attribute([], _ => 0, one).IsWorthSaying());
        Assert.True(LeakAttributor.Attribute([new LeftSocket(TcpStates.CloseWait, 9)], _ => 0, one).IsWorthSaying());
        Assert.True(LeakAttributor.Attribute([], _ => 0, Kinds).IsWorthSaying());
    }
}
