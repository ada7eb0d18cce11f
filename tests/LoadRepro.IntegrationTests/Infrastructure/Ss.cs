using System.Diagnostics;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary>iproute2's <c>ss</c>, the independent oracle for socket counts.</summary>
public static class Ss
{
    /// <summary>Counts TCP sockets in <paramref name="state"/> (ss's name, e.g. close-wait) matching the filter, e.g. <c>( sport = :8080 )</c>.</summary>
    public static async Task<int> CountAsync(string state, string filter)
    {
        var info = new ProcessStartInfo("ss") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-tanH", "state", state, filter })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ss failed: {await process.StandardError.ReadToEndAsync()}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
