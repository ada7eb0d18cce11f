namespace LoadRepro.Core.Judgement;

/// <summary>Change per second of each count, by least squares over the trend window.</summary>
public sealed record WatchTrends(double Fds, double SocketFds, double OtherFds, double CloseWait, double Established, double TimeWait);
