// A tiny server with a descriptor leak switched by configuration: with Leak=true every request opens a file and never
// closes it (the handle is kept in a list, as a forgotten cache would), so descriptors grow with requests until EMFILE.
// With Leak=false the same file is opened and closed per request.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
var leak = app.Configuration.GetValue<bool>("Leak");
var leaked = new List<FileStream>();
var file = Path.Combine(Path.GetTempPath(), $"leaky-server-{Environment.ProcessId}.txt");
File.WriteAllText(file, "hello\n");

app.MapGet("/", async (HttpContext context) =>
{
    var stream = File.OpenRead(file);
    if (leak)
    {
        lock (leaked)
        {
            leaked.Add(stream);
        }
    }
    else
    {
        await stream.DisposeAsync();
    }

    // A sized body: LoadRepro's client reads responses by Content-Length (a chunked reply would never end for it).
    context.Response.ContentType = "text/plain";
    context.Response.ContentLength = 3;
    await context.Response.WriteAsync("ok\n");
});

app.Run();
