namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>One request as the test's own server read it, and the client port it came from.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyList<string> Headers, byte[] Body, int ClientPort);
