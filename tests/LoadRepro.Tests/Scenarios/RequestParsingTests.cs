using System.Text;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Scenarios;

public sealed class RequestParsingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loadrepro-requests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Request_ReadsMethodPathHeadersAndBody()
    {
        var s = ScenarioParser.Parse("""
            name: a
            load:
              request: { method: post, path: /upload?x=1, headers: ["Content-Type: application/json", "X-Trace:  abc "], body: '{"a":1}' }
            """, "x.yaml");

        var r = Assert.Single(s.Load.Requests);
        Assert.Equal("POST", r.Method);
        Assert.Equal("/upload?x=1", r.Path);
        Assert.Equal(["Content-Type: application/json", "X-Trace: abc"], r.Headers);
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(r.Body));
        Assert.Equal("POST /upload?x=1", r.Name);
    }

    [Fact]
    public void Requests_ReadsTheWeightedMix_AndABodyFileBesideTheScenario()
    {
        File.WriteAllText(Path.Combine(_folder, "x.json"), """{"big":true}""");
        var s = ScenarioParser.Parse("""
            name: a
            load:
              requests:
                - { weight: 9, path: /health }
                - { weight: 1, method: POST, path: /upload, bodyFile: x.json }
            """, Path.Combine(_folder, "mix.yaml"));

        Assert.Equal(["GET /health", "POST /upload"], s.Load.Requests.Select(r => r.Name));
        Assert.Equal([9, 1], s.Load.Requests.Select(r => r.Weight));
        Assert.Equal("""{"big":true}""", Encoding.UTF8.GetString(s.Load.Requests[1].Body));
    }

    [Fact]
    public void PathAlone_IsStillTheShorthandForOneGet()
    {
        var s = ScenarioParser.Parse("name: a\nload: { path: /health }\n", "x.yaml");

        Assert.Equal("/health", s.Load.Path);
        Assert.Empty(s.Load.Requests);
    }

    [Fact]
    public void ServerBugPath_IsRead()
    {
        var s = ScenarioParser.Parse("name: a\nserver: { bug: ignore-peer-fin, bugPath: /upload }\n", "x.yaml");

        Assert.Equal("/upload", s.Server.BugPath);
    }

    [Theory]
    [InlineData("load:\n  request: { method: FETCH }\n", "x.yaml:3: load.request.method: 'FETCH' is not a method")]
    [InlineData("load:\n  request: { method: HEAD }\n", "x.yaml:3: load.request.method: 'HEAD' is not a method")]
    [InlineData("load:\n  request:\n    headers: [\"NoColon\"]\n", "x.yaml:4: load.request.headers[0]: 'NoColon' is not a header")]
    [InlineData("load:\n  request:\n    headers: [\": empty\"]\n", "x.yaml:4: load.request.headers[0]: ': empty' is not a header")]
    [InlineData("load:\n  request:\n    headers: [\"Bad Name: x\"]\n", "x.yaml:4: load.request.headers[0]: 'Bad Name' is not a header name")]
    [InlineData("load:\n  request:\n    headers: [\"Content-Length: 5\"]\n", "x.yaml:4: load.request.headers[0]: Content-Length is written by the engine")]
    [InlineData("load:\n  request:\n    headers: \"X: y\"\n", "x.yaml:4: load.request.headers: expected a list of header lines")]
    [InlineData("load:\n  request:\n    bodyFile: missing.json\n", "x.yaml:4: load.request.bodyFile: 'missing.json' does not exist")]
    [InlineData("load:\n  request: { body: a, bodyFile: b }\n", "x.yaml:3: load.request.bodyFile: give either body")]
    [InlineData("load:\n  request: { path: nope }\n", "x.yaml:3: load.request.path: 'nope' is not a request path")]
    [InlineData("load:\n  request: { weight: 2 }\n", "x.yaml:3: load.request.weight: a single request has no weight")]
    [InlineData("load:\n  requests:\n    - { weight: 0, path: /a }\n", "x.yaml:4: load.requests[0].weight: 0 is out of range")]
    [InlineData("load:\n  requests:\n    - { weight: -3, path: /a }\n", "x.yaml:4: load.requests[0].weight: -3 is out of range")]
    [InlineData("load:\n  requests:\n    - { path: /a }\n    - { weight: x, path: /b }\n", "x.yaml:5: load.requests[1].weight: expected a whole number, got 'x'")]
    [InlineData("load:\n  requests: []\n", "x.yaml:3: load.requests: expected 1 to 32 kinds")]
    [InlineData("load:\n  requests: { path: /a }\n", "x.yaml:3: load.requests: expected a list of mappings")]
    [InlineData("load:\n  requests:\n    - { path: /a }\n    - { path: /a }\n", "x.yaml:4: load.requests: 'GET /a' is listed twice")]
    [InlineData("load:\n  request: { path: /a }\n  requests:\n    - { path: /b }\n", "x.yaml:5: load.requests: give either request")]
    [InlineData("load:\n  path: /a\n  request: { path: /b }\n", "x.yaml:3: load.path: path is the shorthand")]
    [InlineData("load:\n  request: { verb: GET }\n", "x.yaml:3: load.request.verb: unknown key")]
    [InlineData("server:\n  bug: leak-file\n  bugPath: /upload\n", "x.yaml:4: server.bugPath: a bug path applies to ignore-peer-fin and slow-close")]
    [InlineData("server:\n  bug: ignore-peer-fin\n  bugPath: upload\n", "x.yaml:4: server.bugPath: 'upload' is not a request path")]
    public void BadRequest_IsOneLineNamingFileLineAndKey(string yaml, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse("name: a\n" + yaml, Path.Combine(_folder, "x.yaml")));
        var message = e.Message.Replace(_folder + "/", "", StringComparison.Ordinal);
        Assert.StartsWith(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
