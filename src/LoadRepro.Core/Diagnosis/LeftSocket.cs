namespace LoadRepro.Core.Diagnosis;

/// <summary>
/// A server-side socket of the port under test still there after the drain: its kernel state and its peer's port, which
/// is the client's local port, and so names the client connection it belongs to.
/// </summary>
/// <param name="State">The kernel's state number (<see cref="Records.TcpStates"/>).</param>
/// <param name="ClientPort">The socket's remote port: the port the client connected from.</param>
public readonly record struct LeftSocket(int State, int ClientPort);
