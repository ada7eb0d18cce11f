using System.Diagnostics;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>Debian's chromium, headless: installed with apt-get when missing, once per test run.</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly Lazy<string?> Missing = new(InstallIfMissing);

    /// <summary>Why chromium cannot be used, or null when it can.</summary>
    public static string? WhyUnavailable => Missing.Value;

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

    private static string? InstallIfMissing()
    {
        if (File.Exists(Path))
        {
            return null;
        }

        foreach (var args in new[] { "update -qq", "install -y -qq chromium" })
        {
            var info = new ProcessStartInfo("apt-get", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            try
            {
                using var p = Process.Start(info)!;
                var err = p.StandardError.ReadToEndAsync();
                _ = p.StandardOutput.ReadToEndAsync();
                if (!p.WaitForExit(TimeSpan.FromMinutes(8)))
                {
                    p.Kill(entireProcessTree: true);
                    return $"apt-get {args} did not finish within 8 minutes";
                }

                if (p.ExitCode != 0)
                {
                    return $"chromium is not installed and 'apt-get {args}' failed with exit code {p.ExitCode}: {err.Result.Split('\n')[0]}";
                }
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return $"chromium is not installed and apt-get cannot be started: {e.Message}";
            }
        }

        return File.Exists(Path) ? null : $"apt-get installed chromium but {Path} is not there";
    }
}
