using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoadRepro.Agent;
using LoadRepro.Core.Clock;

namespace LoadRepro.Pipeline.Agents;

/// <summary>
/// A run's connection to <c>loadrepro agent</c> on the server's host: pages of its samples stream (<c>GET /samples?after=N</c>)
/// with the bearer token, and its clock. Every failure is an <see cref="AgentUnavailableException"/> that says why in words.
/// </summary>
public sealed class AgentClient : IDisposable
{
    /// <summary>The environment variable that holds the agent's bearer token, on both sides.</summary>
    public const string TokenVariable = "LOADREPRO_AGENT_TOKEN";

    /// <summary>The step of the agent's clock readings: it answers in whole milliseconds.</summary>
    public const double ClockResolutionMs = 1;

    /// <summary>How long a request may take by default; the first of a run waits longer (<see cref="FirstRequestTimeout"/>).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long the first request may take: an agent answers its first /samples only after compiling that path (seen above 3 s on a busy 2-core host).</summary>
    public static readonly TimeSpan FirstRequestTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;

    /// <summary>Talks to the agent at <paramref name="url"/>, sending <paramref name="token"/> when given.</summary>
    public AgentClient(Uri url, string? token)
    {
        Url = url;
        _http = new HttpClient { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HasToken = token is not null;
    }

    /// <summary>The agent's URL.</summary>
    public Uri Url { get; }

    /// <summary>Whether a token is sent.</summary>
    public bool HasToken { get; }

    /// <summary>The samples numbered above <paramref name="after"/> and the agent's clock as it answered.</summary>
    /// <exception cref="AgentUnavailableException">No answer within <paramref name="within"/> (default <see cref="RequestTimeout"/>), refused, 401, or not the agent's stream.</exception>
    public async Task<AgentSamplesPage> PageAsync(long after, CancellationToken ct, TimeSpan? within = null)
    {
        var limit = within ?? RequestTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            using var response = await _http.GetAsync(string.Create(CultureInfo.InvariantCulture, $"samples?after={after}"), timeout.Token);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new AgentUnavailableException(HasToken
                    ? $"the agent at {Url} refused --agent-token (401): the token is not the agent's"
                    : $"the agent at {Url} asks for a token (401): give --agent-token or set LOADREPRO_AGENT_TOKEN", refusedToken: true);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new AgentUnavailableException($"the agent at {Url} answered {(int)response.StatusCode} {response.ReasonPhrase} to GET /samples");
            }

            return await response.Content.ReadFromJsonAsync<AgentSamplesPage>(AgentJson.Options, timeout.Token)
                ?? throw new AgentUnavailableException($"the agent at {Url} answered an empty samples page");
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new AgentUnavailableException($"the agent at {Url} did not answer within {limit.TotalSeconds:0} s", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new AgentUnavailableException($"the agent at {Url} cannot be reached ({e.Message.TrimEnd('.')})", inner: e);
        }
        catch (JsonException e)
        {
            throw new AgentUnavailableException($"the agent at {Url} answered something that is not its samples stream ({e.Message})", inner: e);
        }
    }

    /// <summary>
    /// Measures the agent host's clock against this one's with <paramref name="probes"/> requests for an empty page (the
    /// answer carries the agent's clock), as <see cref="ClockOffsetEstimator"/> says.
    /// </summary>
    /// <exception cref="AgentUnavailableException">A probe failed.</exception>
    public async Task<ClockOffset> MeasureClockAsync(int probes, CancellationToken ct)
    {
        var taken = new List<ClockProbe>(probes);
        for (var i = 0; i < probes; i++)
        {
            var sent = NowUnixMs();
            var page = await PageAsync(long.MaxValue, ct);
            taken.Add(new ClockProbe(sent, page.NowUnixMs, NowUnixMs()));
        }

        return ClockOffsetEstimator.Estimate(taken, ClockResolutionMs);
    }

    /// <summary>This host's UTC clock in milliseconds since 1970, to the tick.</summary>
    public static double NowUnixMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
