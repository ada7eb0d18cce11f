namespace LoadRepro.ApiTests;

public sealed class ScenarioBuilderTests
{
    /// <summary>scenarios/close-wait-leak.yaml, key by key, in code.</summary>
    private static ScenarioBuilder CloseWaitLeak() => new ScenarioBuilder("close-wait-leak")
        .Description("Server never closes after the client's FIN; CLOSE_WAIT piles up until EMFILE.")
        .ServerBug("ignore-peer-fin").ServerKeepAlive("on").MaxFds(1024)
        .Connection("short").Http("1.1").Rate(1000).Duration(TimeSpan.FromSeconds(6)).MaxRequests(20000)
        .RequestTimeout(TimeSpan.FromMilliseconds(500)).StopAfterExhaustion(TimeSpan.FromMilliseconds(700))
        .SampleInterval(TimeSpan.FromMilliseconds(100)).Drain(TimeSpan.FromMilliseconds(1200))
        .ExpectDiagnosis("close-wait-leak").ExpectExhaustion(true);

    [Fact]
    public void ScenarioFromCode_EqualsTheShippedYaml()
    {
        var fromYaml = Scenario.Load("close-wait-leak");
        var fromFile = Scenario.Load(ShippedScenarios.File("close-wait-leak"));
        var fromCode = CloseWaitLeak().Build();

        Assert.Equal(fromYaml, fromCode);
        Assert.Equal(fromFile, fromCode);
        Assert.Equal(fromYaml.GetHashCode(), fromCode.GetHashCode());
        Assert.Equal(fromYaml.ToString(), fromCode.ToString());
        Assert.Null(fromCode.SourcePath);
        Assert.Equal(ShippedScenarios.File("close-wait-leak"), fromYaml.SourcePath);
    }

    [Fact]
    public void ScenarioFromCode_DiffersWhenOneSettingDiffers()
    {
        var fromYaml = Scenario.Load("close-wait-leak");

        Assert.NotEqual(fromYaml, CloseWaitLeak().Rate(251).Build());
        Assert.NotEqual(fromYaml, CloseWaitLeak().ServerBug("none").Build());
        Assert.NotEqual(fromYaml, CloseWaitLeak().ExpectMaxFdGrowth(10).Build());
        Assert.NotEqual(fromYaml, CloseWaitLeak().Concurrency(250).Build());
    }

    [Fact]
    public void ScenarioFromCode_IsTheParsedYamlOfItsOwnText()
    {
        var builder = CloseWaitLeak();

        Assert.Equal(Scenario.Parse(builder.ToYaml()), builder.Build());
        Assert.Contains("rate: 1000", builder.ToYaml(), StringComparison.Ordinal);
    }

    [Fact]
    public void BadSetting_IsAnArgumentExceptionNamingItsKey()
    {
        var e = Assert.Throws<ArgumentException>(() => new ScenarioBuilder("bad").Connection("sometimes").Build());

        Assert.Contains("connection", e.Message, StringComparison.Ordinal);
        Assert.Contains("sometimes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownScenarioName_IsAnArgumentExceptionListingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Scenario.Load("no-such-scenario"));

        Assert.Contains("no-such-scenario", e.Message, StringComparison.Ordinal);
        Assert.Contains("close-wait-leak", e.Message, StringComparison.Ordinal);
    }
}
