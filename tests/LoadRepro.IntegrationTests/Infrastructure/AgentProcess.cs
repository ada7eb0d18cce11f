using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LoadRepro.IntegrationTests.Infrastructure;

/// <summary><c>loadrepro agent</c> as a child process of the test, on a port of its own choosing; killed on dispose.</summary>
public sealed partial class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private AgentProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Starts <c>loadrepro agent --listen 127.0.0.1:0 ARGS</c> and waits for its readiness line.</summary>
    public static async Task<AgentProcess> StartAsync(params string[] args)
    {
        var process = Process.Start(LoadReproCli.StartInfo(["agent", "--listen", "127.0.0.1:0", .. args]))!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(cts.Token) ?? "";
        var ready = ReadyLine().Match(line);
        if (!ready.Success)
        {
            process.Kill();
            throw new InvalidOperationException($"the agent did not get ready: '{line}' {await process.StandardError.ReadToEndAsync(cts.Token)}");
        }

        return new AgentProcess(process, new Uri(ready.Groups[1].Value));
    }

    /// <summary>GET <paramref name="path"/>, with a bearer token when given.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>The value of one series of /metrics, or null when the agent does not export it now.</summary>
    public async Task<double?> MetricAsync(string series)
    {
        var text = await _http.GetStringAsync(new Uri(Url, "/metrics"));
        var m = Regex.Match(text, "^" + Regex.Escape(series) + @" ([0-9.e+-]+)$", RegexOptions.Multiline);
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>GET /samples?after=N, parsed.</summary>
    public async Task<JsonElement> SamplesAsync(long after) =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri(Url, $"/samples?after={after}"))).RootElement;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"^AGENT listening on (http://\S+) ")]
    private static partial Regex ReadyLine();
}
