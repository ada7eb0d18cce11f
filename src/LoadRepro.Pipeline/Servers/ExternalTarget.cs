using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoadRepro.Load.Engine;
using LoadRepro.Load.Tls;
using LoadRepro.Sampler.Proc;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The user's own server given by <c>--target URL</c>: validated at the edge, so that nothing is loaded by a typo (only
/// loopback unless allowed) and a run never starts against a dead process or a closed port. Its processes are the PID
/// given by <c>--target-pid</c>, or else every process on this host that holds a socket listening on the URL's port.
/// </summary>
public sealed record ExternalTarget
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Where the load connects: the resolved address, the Host header as written in the URL, and its path and query.</summary>
    public required LoadTarget Load { get; init; }

    /// <summary>The server's processes, sampled as one target during the run; the first is the one named in the report.</summary>
    public required IReadOnlyList<int> Pids { get; init; }

    /// <summary>Checks the URL, finds or checks the server's processes, and that the target accepts a connection.</summary>
    /// <exception cref="UserFacingException">Bad URL, remote target without permission, no such process (exit 2); the target does not accept connections, or no process here listens on it (exit 3).</exception>
    public static async Task<ExternalTarget> ResolveAsync(string url, int? pid, bool allowRemote, bool insecure, CancellationToken ct)
    {
        var load = await ParseAsync(url, allowRemote, insecure, ct);
        if (pid is { } given && (given <= 0 || !Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{given}"))))
        {
            throw new UserFacingException($"--target-pid: no process with PID {given}");
        }

        await ProbeAsync(load.EndPoint, ct);
        await TlsProbe.CheckAsync(load, "--target", ct);
        if (pid is { } known)
        {
            return new ExternalTarget { Load = load, Pids = [known] };
        }

        var holders = ListeningProcesses.Find(load.EndPoint.Port);
        return holders.Count > 0
            ? new ExternalTarget { Load = load, Pids = holders }
            : throw new UserFacingException(
                $"--target: no process this run can see holds a socket listening on port {load.EndPoint.Port} (in a container or another network namespace, or owned by another user?): give its PID with --target-pid",
                ExitCodes.Environment);
    }

    /// <summary>
    /// Reads an http:// or https:// URL into where the load connects; refuses a non-loopback address unless
    /// <paramref name="allowRemote"/>. An https URL's host is its TLS server name (SNI); <paramref name="insecure"/> accepts any certificate.
    /// </summary>
    /// <exception cref="UserFacingException">Not an http:// or https:// URL, or a remote address without permission (exit 2); the host does not resolve (exit 3).</exception>
    public static async Task<LoadTarget> ParseAsync(string url, bool allowRemote, bool insecure, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new UserFacingException($"--target: '{url}' is not an http:// or https:// URL (e.g. http://127.0.0.1:8080/)");
        }

        var address = await AddressOfAsync(uri, ct);
        if (!IPAddress.IsLoopback(address) && !allowRemote)
        {
            throw new UserFacingException($"--target: {address} is not a loopback address (127.0.0.0/8 or ::1); add --allow-remote-target if you really mean to load that host");
        }

        return new LoadTarget
        {
            EndPoint = new IPEndPoint(address, uri.Port),
            Host = uri.Authority,
            Path = uri.PathAndQuery,
            Tls = uri.Scheme == Uri.UriSchemeHttps ? new TlsTarget { ServerName = TlsClientOptions.ServerNameOf(uri.IdnHost), Insecure = insecure } : null,
        };
    }

    /// <summary>Checks that <paramref name="endPoint"/> accepts a connection within 3 s.</summary>
    /// <exception cref="UserFacingException">It does not (exit 3).</exception>
    public static async Task ProbeAsync(IPEndPoint endPoint, CancellationToken ct)
    {
        using var probe = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await probe.ConnectAsync(endPoint, timeout.Token);
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var why = e is SocketException s ? s.Message : $"no answer within {ConnectTimeout.TotalSeconds:0} s";
            throw new UserFacingException($"--target: {endPoint} does not accept connections ({why})", ExitCodes.Environment, e);
        }
    }

    private static async Task<IPAddress> AddressOfAsync(Uri uri, CancellationToken ct)
    {
        var addresses = await AddressesOfAsync(uri, "--target", ct);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
    }

    /// <summary>The addresses of <paramref name="uri"/>'s host: itself when it is one, else what DNS answers.</summary>
    /// <exception cref="UserFacingException">It does not resolve; the line starts with <paramref name="origin"/> (exit 3).</exception>
    public static async Task<IPAddress[]> AddressesOfAsync(Uri uri, string origin, CancellationToken ct)
    {
        if (IPAddress.TryParse(uri.IdnHost, out var literal))
        {
            return [literal];
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
            return addresses.Length > 0 ? addresses : throw new InvalidOperationException("no address");
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            throw new UserFacingException($"{origin}: cannot resolve host '{uri.Host}'", ExitCodes.Environment, e);
        }
    }
}
