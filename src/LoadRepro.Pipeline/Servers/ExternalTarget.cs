using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoadRepro.Load.Engine;

namespace LoadRepro.Pipeline.Servers;

/// <summary>
/// The user's own server given by <c>--target URL --target-pid PID</c>: validated at the edge, so that nothing is
/// loaded by a typo (only loopback unless allowed) and a run never starts against a dead process or a closed port.
/// </summary>
public sealed record ExternalTarget
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Where the load connects: the resolved address, the Host header as written in the URL, and its path and query.</summary>
    public required LoadTarget Load { get; init; }

    /// <summary>The server's PID, sampled during the run.</summary>
    public required int Pid { get; init; }

    /// <summary>Checks the URL and PID and that the target accepts a connection.</summary>
    /// <exception cref="UserFacingException">Bad URL, remote target without permission, no such process (exit 2), or the target does not accept connections (exit 3).</exception>
    public static async Task<ExternalTarget> ResolveAsync(string url, int pid, bool allowRemote, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new UserFacingException($"--target: '{url}' is not an http:// URL (e.g. http://127.0.0.1:8080/)");
        }

        var address = await AddressOfAsync(uri, ct);
        if (!IPAddress.IsLoopback(address) && !allowRemote)
        {
            throw new UserFacingException($"--target: {address} is not a loopback address (127.0.0.0/8 or ::1); add --allow-remote-target if you really mean to load that host");
        }

        if (pid <= 0 || !Directory.Exists(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}")))
        {
            throw new UserFacingException($"--target-pid: no process with PID {pid}");
        }

        var endPoint = new IPEndPoint(address, uri.Port);
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

        return new ExternalTarget { Load = new LoadTarget { EndPoint = endPoint, Host = uri.Authority, Path = uri.PathAndQuery }, Pid = pid };
    }

    private static async Task<IPAddress> AddressOfAsync(Uri uri, CancellationToken ct)
    {
        if (IPAddress.TryParse(uri.IdnHost, out var literal))
        {
            return literal;
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
            return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First();
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            throw new UserFacingException($"--target: cannot resolve host '{uri.Host}'", ExitCodes.Environment, e);
        }
    }
}
