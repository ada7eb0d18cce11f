namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// One look at a run's server from outside, taken within a few milliseconds: its descriptors in /proc/PID/fd, the CLOSE_WAIT
/// sockets on its port in <c>ss</c>, and its own counters from the control endpoint (null when the endpoint did not answer).
/// </summary>
public sealed record ServerSnapshot(int Fds, int CloseWait, long? EmfileAccepts, long? RawRequests);
