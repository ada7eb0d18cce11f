using System.Diagnostics;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's chromium, headless. Only looked for, never installed: a test run installs nothing (test discovery reads
/// <see cref="WhyUnavailable"/>); <c>.ci/run</c> installs it.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Why chromium cannot be used, or null when it can.</summary>
    public static string? WhyUnavailable =>
        File.Exists(Path) ? null : $"chromium is not installed at {Path} (.ci/run installs it: apt-get install chromium)";

    /// <summary>Runs headless chromium on <paramref name="url"/> with a fresh profile; returns stdout (the DOM with --dump-dom).</summary>
    public static async Task<string> RunAsync(TimeSpan timeout, string url, params string[] args)
    {
        var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "loadrepro-chromium-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={profile}" }.Concat(args).Append(url))
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return await stdout;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"chromium did not finish within {timeout.TotalSeconds:0} s; stderr: {await stderr}");
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
