namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that runs docker-compose for real: needs root and Debian's docker.io, docker-compose, debootstrap and
/// prometheus. Skipped, with the reason, when one is missing; a test run installs nothing (<c>.ci/run</c> installs them).
/// </summary>
public sealed class ComposeFactAttribute : FactAttribute
{
    private static readonly string[] Needed = ["/usr/sbin/dockerd", "/usr/bin/docker-compose", "/usr/sbin/debootstrap", "/usr/bin/prometheus"];

    public ComposeFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "compose-test starts dockerd and needs root";
        }
        else if (Needed.FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            Skip = $"{missing} is not installed (.ci/run installs docker.io, docker-compose, debootstrap and prometheus)";
        }
    }
}
