using System.Buffers;
using System.Text;
using LoadRepro.Server.Raw;

namespace LoadRepro.Tests.Server;

public sealed class RequestHeadParserTests
{
    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\r\n", RawEndpoint.Root, 0, true, true)]
    [InlineData("GET /bytes/123 HTTP/1.1\r\n\r\n", RawEndpoint.Bytes, 123, true, true)]
    [InlineData("GET /delay/50?x=1 HTTP/1.1\r\n\r\n", RawEndpoint.Delay, 50, true, true)]
    [InlineData("GET /hang HTTP/1.1\r\n\r\n", RawEndpoint.Hang, 0, true, true)]
    [InlineData("GET /hangs HTTP/1.1\r\n\r\n", RawEndpoint.Root, 0, true, true)]
    [InlineData("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", RawEndpoint.Root, 0, true, false)]
    [InlineData("GET / HTTP/1.0\r\n\r\n", RawEndpoint.Root, 0, false, false)]
    [InlineData("GET / HTTP/1.0\r\nconnection: Keep-Alive\r\n\r\n", RawEndpoint.Root, 0, false, true)]
    [InlineData("GET /bytes/99999999999 HTTP/1.1\r\n\r\n", RawEndpoint.Root, 0, true, true)]
    public void ValidRequest_Complete(string text, RawEndpoint endpoint, int argument, bool http11, bool keepAlive)
    {
        var status = Parse(text, out var head, out var consumed);

        Assert.Equal(ParseStatus.Complete, status);
        Assert.Equal(endpoint, head.Endpoint);
        Assert.Equal(argument, head.Argument);
        Assert.Equal(http11, head.Http11);
        Assert.Equal(keepAlive, head.ClientWantsKeepAlive);
        Assert.Equal(text.Length, consumed);
    }

    [Theory]
    [InlineData("GET / HTTP/2.0\r\n\r\n")]
    [InlineData("GET  / HTTP/1.1\r\n\r\n")]
    [InlineData("GET x HTTP/1.1\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\n\r\n")]
    [InlineData("GET /\x01 HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nno colon\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\n: empty name\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: 12345678901\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nX: a\nb\r\n\r\n")]
    [InlineData("\r\n\r\n")]
    public void MalformedRequest_Invalid(string text) => Assert.Equal(ParseStatus.Invalid, Parse(text, out _, out _));

    [Fact]
    public void ChunkedBody_RefusedAsTooLarge() =>
        Assert.Equal(ParseStatus.BodyTooLarge, Parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", out _, out _));

    [Fact]
    public void BodyOverTheLimit_RefusedAsTooLarge() =>
        Assert.Equal(ParseStatus.BodyTooLarge, Parse($"POST / HTTP/1.1\r\nContent-Length: {RequestHeadParser.MaxBodyBytes + 1}\r\n\r\n", out _, out _));

    [Fact]
    public void HeadOverTheLimit_WithOrWithoutItsEnd_RefusedAsTooLarge()
    {
        var huge = "GET / HTTP/1.1\r\nX: " + new string('a', RequestHeadParser.MaxHeadBytes);
        Assert.Equal(ParseStatus.HeadTooLarge, Parse(huge, out _, out _));
        Assert.Equal(ParseStatus.HeadTooLarge, Parse(huge + "\r\n\r\n", out _, out _));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc")]
    [InlineData("")]
    public void PartialRequest_Incomplete(string text) => Assert.Equal(ParseStatus.Incomplete, Parse(text, out _, out _));

    [Fact]
    public void RequestSplitAcrossSegments_SameAsWhole()
    {
        var text = Encoding.ASCII.GetBytes("GET /bytes/7 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET");
        for (var cut = 1; cut < text.Length; cut++)
        {
            var buffer = TwoSegments(text.AsMemory(0, cut), text.AsMemory(cut));
            Assert.Equal(ParseStatus.Complete, RequestHeadParser.TryParse(buffer, out var head, out var consumed));
            Assert.Equal(7, head.Argument);
            Assert.Equal(text.Length - 3, buffer.Slice(buffer.Start, consumed).Length);
        }
    }

    [Fact]
    public void AnyBytes_GiveAStatus_NeverAnException()
    {
        var random = new Random(20261128);
        var seed = Encoding.ASCII.GetBytes("GET /bytes/10 HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nab");
        for (var i = 0; i < 100_000; i++)
        {
            byte[] bytes;
            if (i % 4 == 0)
            {
                bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = (byte[])seed.Clone();
                for (var m = random.Next(1, 4); m > 0; m--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            var buffer = new ReadOnlySequence<byte>(bytes);
            var status = RequestHeadParser.TryParse(buffer, out var head, out var consumed);
            Assert.True(Enum.IsDefined(status));
            if (status == ParseStatus.Complete)
            {
                Assert.InRange(buffer.Slice(buffer.Start, consumed).Length, 1, bytes.Length);
                Assert.InRange(head.Argument, 0, RequestHeadParser.MaxArgument);
            }
        }
    }

    private static ParseStatus Parse(string text, out RequestHead head, out long consumed)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text));
        var status = RequestHeadParser.TryParse(buffer, out head, out var position);
        consumed = buffer.Slice(buffer.Start, position).Length;
        return status;
    }

    private static ReadOnlySequence<byte> TwoSegments(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second)
    {
        var a = new Segment(first, 0);
        var b = a.Append(second);
        return new ReadOnlySequence<byte>(a, 0, b, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
