using LoadRepro.Server.Hosting;

namespace LoadRepro.Server.Control;

/// <summary>What <c>GET /modes</c> on the control endpoint answers: the current modes, the ports and the counters.</summary>
public sealed record ServerStatus
{
    /// <summary>The bug switched on.</summary>
    public required string Bug { get; init; }

    /// <summary>The keep-alive mode.</summary>
    public required string KeepAlive { get; init; }

    /// <summary>The stack whose port was announced as the port under test (raw or http).</summary>
    public required string Stack { get; init; }

    /// <summary>
    /// Seconds an idle keep-alive connection is kept on the raw stack, as its handler reads it before each read; null when
    /// idle connections are never closed (<c>forever</c>). <c>on</c> keeps them 130 s.
    /// </summary>
    public required double? RawIdleTimeoutSeconds { get; init; }

    /// <summary>Kestrel's keep-alive timeout in seconds, as the http stack reads it when a connection opens (ten years for <c>forever</c>).</summary>
    public required double HttpIdleTimeoutSeconds { get; init; }

    /// <summary>For slow-close: milliseconds between the peer's FIN and the server's close.</summary>
    public required double SlowCloseMs { get; init; }

    /// <summary>The one path whose connections get the raw stack's bug; null: every connection.</summary>
    public required string? BugPath { get; init; }

    /// <summary>The server's ports.</summary>
    public required ListenerPorts Ports { get; init; }

    /// <summary>Connections open now, by stack (held ones included).</summary>
    public required StackCounts OpenConnections { get; init; }

    /// <summary>Connections accepted so far, by stack.</summary>
    public required StackCounts AcceptedConnections { get; init; }

    /// <summary>Requests served so far, by stack.</summary>
    public required StackCounts Requests { get; init; }

    /// <summary>Connections held by ignore-peer-fin now.</summary>
    public required long HeldConnections { get; init; }

    /// <summary>Files held open by leak-file now.</summary>
    public required long LeakedFiles { get; init; }

    /// <summary>/hang requests still waiting now.</summary>
    public required long HungRequests { get; init; }

    /// <summary>Calls made by outbound-per-request so far.</summary>
    public required long OutboundCalls { get; init; }

    /// <summary>Failed accept() calls so far, by errno name.</summary>
    public required IReadOnlyDictionary<string, long> AcceptFailures { get; init; }
}
