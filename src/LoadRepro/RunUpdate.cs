namespace LoadRepro;

/// <summary>What a run reports while it goes, about once a second and at each change of stage.</summary>
/// <param name="Seconds">Seconds since the run started.</param>
/// <param name="Stage">What the run does now, in words (e.g. <c>under load</c>, <c>draining 2s</c>, <c>descriptors at the limit</c>).</param>
/// <param name="Descriptors">The server's open descriptors in the newest sample; null before the first.</param>
/// <param name="CloseWait">CLOSE_WAIT sockets on the server's port in the newest sample; null before the first.</param>
/// <param name="TimeWait">TIME_WAIT sockets on the server's port in the newest sample; null before the first.</param>
/// <param name="RequestsOk">Requests answered so far.</param>
/// <param name="RequestsFailed">Requests failed so far.</param>
public sealed record RunUpdate(double Seconds, string Stage, int? Descriptors, int? CloseWait, int? TimeWait, long RequestsOk, long RequestsFailed);
