namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>A fact that needs chromium; skipped, with the reason, only when it cannot be installed.</summary>
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
