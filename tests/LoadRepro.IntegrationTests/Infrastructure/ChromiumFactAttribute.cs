namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>A fact that needs chromium; skipped, with the reason, when it is not installed (<c>.ci/run</c> installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.WhyUnavailable is { } why)
        {
            Skip = why;
        }
    }
}
