using System.Text;
using LoadRepro.Load.Http;

namespace LoadRepro.Tests.Load;

public sealed class ResponseParserTests
{
    [Fact]
    public void ContentLengthResponse_CompletesAtTheBodyEnd_FedByteByByte()
    {
        var bytes = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Type: text/plain\r\n\r\nok\nEXTRA");
        var parser = new ResponseParser();
        var consumed = FeedByteByByte(parser, bytes);

        Assert.Equal(ResponseStatus.Completed, parser.Status);
        Assert.Equal(200, parser.StatusCode);
        Assert.False(parser.ServerCloses);
        Assert.Equal(bytes.Length - "EXTRA".Length, consumed);
    }

    [Fact]
    public void ChunkedResponse_CompletesAfterTheTrailers_FedByteByByte_AndLeavesTheNextResponse()
    {
        const string First = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n" +
            "2\r\nok\r\n1A;note=x\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: done\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(First + "HTTP/1.1 204 No Content\r\n\r\n");
        var parser = new ResponseParser();
        var consumed = FeedByteByByte(parser, bytes);

        // Transfer-Encoding wins over Content-Length, and the parser stops exactly at the end of the first response.
        Assert.Equal(ResponseStatus.Completed, parser.Status);
        Assert.Equal(First.Length, consumed);
        parser.Reset();
        parser.Feed(bytes.AsSpan(consumed));
        Assert.Equal(ResponseStatus.Completed, parser.Status);
        Assert.Equal(204, parser.StatusCode);
    }

    [Theory]
    [InlineData("zz\r\n")]
    [InlineData("2\r\nokX\r\n")]
    public void ChunkedResponse_WithABadChunk_IsAnError(string chunks)
    {
        var parser = new ResponseParser();
        parser.Feed(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n" + chunks));
        Assert.Equal(ResponseStatus.Error, parser.Status);
    }

    [Fact]
    public void Http10WithoutLength_ReadsToClose()
    {
        var parser = new ResponseParser();
        parser.Feed("HTTP/1.0 200 OK\r\n\r\nbody"u8);
        Assert.Equal(ResponseStatus.BodyToClose, parser.Status);
        Assert.True(parser.ServerCloses);
        parser.OnEndOfStream();
        Assert.Equal(ResponseStatus.Completed, parser.Status);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    public void Garbage_IsAnError_NotAnException(string text)
    {
        var parser = new ResponseParser();
        parser.Feed(Encoding.ASCII.GetBytes(text));
        Assert.Equal(ResponseStatus.Error, parser.Status);
    }

    [Fact]
    public void ServerClosingMidHead_IsAnError()
    {
        var parser = new ResponseParser();
        parser.Feed("HTTP/1.1 200 OK\r\nContent-Le"u8);
        parser.OnEndOfStream();
        Assert.Equal(ResponseStatus.Error, parser.Status);
    }

    // Feeds one more byte at a time, keeping what the parser left unused, as a socket read can split anywhere; stops at the
    // end of the response (or an error) and returns the bytes used.
    private static int FeedByteByByte(ResponseParser parser, byte[] bytes)
    {
        var pending = new List<byte>();
        var consumed = 0;
        foreach (var b in bytes)
        {
            pending.Add(b);
            var used = parser.Feed(pending.ToArray());
            consumed += used;
            pending.RemoveRange(0, used);
            if (parser.Status is ResponseStatus.Completed or ResponseStatus.Error)
            {
                break;
            }
        }

        return consumed;
    }
}
