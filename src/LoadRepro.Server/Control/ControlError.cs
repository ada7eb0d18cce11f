namespace LoadRepro.Server.Control;

/// <summary>What the control endpoint answers to a request it refuses: one line saying why.</summary>
public sealed record ControlError(string Error);
