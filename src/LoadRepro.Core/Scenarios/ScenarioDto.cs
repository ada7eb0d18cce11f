namespace LoadRepro.Core.Scenarios;

/// <summary>
/// A scenario file as YamlDotNet reads it: one property per key (camelCase in the file). Values stay text: durations with
/// units, kebab-case names and the ranges are this harness's own, and <see cref="ScenarioParser"/> checks them all in one
/// pass, so every error has the same <c>file:line: key: problem</c> form.
/// </summary>
internal sealed record ScenarioDto
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Lab { get; init; }
    public string? Profile { get; init; }
    public string? LabNetwork { get; init; }
    public ServerDto? Server { get; init; }
    public LoadDto? Load { get; init; }
    public SampleDto? Sample { get; init; }
    public ExpectDto? Expect { get; init; }

    /// <summary><c>server:</c></summary>
    public sealed record ServerDto
    {
        public string? Bug { get; init; }
        public string? KeepAlive { get; init; }
        public string? MaxFds { get; init; }
        public string? Stack { get; init; }
        public string? SlowClose { get; init; }
        public string? BugPath { get; init; }
        public string? Tls { get; init; }
    }

    /// <summary><c>load:</c></summary>
    public sealed record LoadDto
    {
        public string? Connection { get; init; }
        public string? Http { get; init; }
        public string? Model { get; init; }
        public string? Rate { get; init; }
        public string? Concurrency { get; init; }
        public string? Duration { get; init; }
        public string? MaxRequests { get; init; }
        public string? Timeout { get; init; }
        public string? Path { get; init; }
        public string? MaxInFlight { get; init; }
        public string? Pipeline { get; init; }
        public string? AbandonAfter { get; init; }
        public string? Hold { get; init; }
        public string? StopAfterExhaustion { get; init; }
        public List<StageDto>? Stages { get; init; }
        public RequestDto? Request { get; init; }
        public List<RequestDto>? Requests { get; init; }
    }

    /// <summary><c>load.request</c>, or one item of <c>load.requests</c>.</summary>
    public sealed record RequestDto
    {
        public string? Method { get; init; }
        public string? Path { get; init; }
        public List<string>? Headers { get; init; }
        public string? Body { get; init; }
        public string? BodyFile { get; init; }
        public string? Weight { get; init; }
    }

    /// <summary>One item of <c>load.stages</c>.</summary>
    public sealed record StageDto
    {
        public string? Duration { get; init; }
        public string? Rate { get; init; }
    }

    /// <summary><c>sample:</c></summary>
    public sealed record SampleDto
    {
        public string? Interval { get; init; }
        public string? Drain { get; init; }
    }

    /// <summary><c>expect:</c></summary>
    public sealed record ExpectDto
    {
        public string? Diagnosis { get; init; }
        public string? Exhaustion { get; init; }
        public string? MaxCloseWait { get; init; }
        public string? MaxTimeWait { get; init; }
        public string? MaxFdGrowth { get; init; }
        public string? MinSuccessRatio { get; init; }
        public string? MaxP99Ms { get; init; }
    }
}
