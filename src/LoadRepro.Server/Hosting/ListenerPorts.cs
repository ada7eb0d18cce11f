using LoadRepro.Core.Modes;

namespace LoadRepro.Server.Hosting;

/// <summary>The ports the server listens on, all on 127.0.0.1, known once it has started.</summary>
public sealed record ListenerPorts
{
    /// <summary>The raw HTTP/1.x handler (socket-level bugs).</summary>
    public required int Raw { get; init; }

    /// <summary>Kestrel's HTTP stack (application-level bugs).</summary>
    public required int Http { get; init; }

    /// <summary>The control endpoint (modes and counters).</summary>
    public required int Control { get; init; }

    /// <summary>The second local endpoint that <c>outbound-per-request</c> calls.</summary>
    public required int Outbound { get; init; }

    /// <summary>The silent downstream that <c>/hang</c> calls: it accepts and never answers.</summary>
    public required int Downstream { get; init; }

    /// <summary>The port of a stack.</summary>
    public int Of(StackKind stack) => stack == StackKind.Raw ? Raw : Http;
}
