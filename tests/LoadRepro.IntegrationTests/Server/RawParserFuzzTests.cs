using System.Net.Sockets;
using System.Text;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Server;

/// <summary>Random and mutated bytes at the raw endpoint: every connection ends, the server keeps answering, nothing stays open.</summary>
public sealed class RawParserFuzzTests
{
    private const int Cases = 10_000;
    private const int Workers = 8;

    private static readonly string[] Seeds =
    [
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /bytes/100 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /bytes/3 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /hang HTTP/1.1\r\nHost: x\r\n\r\n",
        "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    ];

    private static readonly string[] Splices = ["\r\n", "\n", ":", " ", "\0", "Content-Length: 99999999999\r\n", "Content-Length: -1\r\n"];

    [Fact]
    public async Task TenThousandRandomAndMutatedRequests_ServerStillAnswers_NoConnectionLeft()
    {
        await using var server = await TestServerProcess.StartAsync("--bug", "none");
        using var warm = await SocketDriver.KeepAliveAsync(server.EndPoint, PlainHttpClient.Get(server.Port), 1);
        warm.Dispose();
        var fdsBefore = ProcFds.Count(server.Pid);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var stuck = await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => FuzzAsync(server, new Random(7919 * (w + 1)), Cases / Workers, deadline.Token)));

        Assert.Equal(0, stuck.Sum());
        var (socket, response) = await PlainHttpClient.RequestAsync(server.EndPoint, PlainHttpClient.Get(server.Port));
        socket.Dispose();
        Assert.Contains(" 200 OK", response, StringComparison.Ordinal);
        var filter = $"( sport = :{server.Port} )";
        var open = 0;
        Assert.True(
            await Eventually.HoldsAsync(async () => (open = await Ss.CountAsync("connected", filter) - await Ss.CountAsync("time-wait", filter)) == 0, TimeSpan.FromSeconds(5)),
            $"{open} connections of the server's port still open after the fuzzing (TIME_WAIT aside)");
        var growth = ProcFds.Count(server.Pid) - fdsBefore;
        Assert.True(growth <= 20, $"the server's descriptors grew by {growth} over {Cases} fuzzed connections");
    }

    /// <summary>Sends <paramref name="count"/> cases, each on its own connection followed by the client's FIN; returns how many the server never closed.</summary>
    private static async Task<int> FuzzAsync(TestServerProcess server, Random random, int count, CancellationToken ct)
    {
        var stuck = 0;
        var buffer = new byte[16384];
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server.EndPoint, ct);
            try
            {
                await socket.SendAsync(Case(random), SocketFlags.None, ct);
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The server answered 400 and closed before the whole case was sent: a reset is a fine ending.
                continue;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(TimeSpan.FromSeconds(3));
            try
            {
                while (await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token) > 0)
                {
                }
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                stuck++;
            }
        }

        return stuck;
    }

    private static byte[] Case(Random random)
    {
        if (random.Next(10) == 0)
        {
            var noise = new byte[random.Next(1, 600)];
            random.NextBytes(noise);
            return noise;
        }

        var bytes = Encoding.ASCII.GetBytes(Seeds[random.Next(Seeds.Length)]).ToList();
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes(Splices[random.Next(Splices.Length)]));
                    break;
                case 5:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)'A', random.Next(100, 9000)));
                    break;
                default:
                    var from = random.Next(bytes.Count);
                    bytes.InsertRange(at, bytes.GetRange(from, Math.Min(random.Next(1, 40), bytes.Count - from)));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
