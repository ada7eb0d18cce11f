using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace LoadRepro.Server.Hosting;

/// <summary>The server's Serilog setup: compact JSON to the run's log file, plain lines to stderr (stdout is for the readiness line).</summary>
public static class ServerLogging
{
    /// <summary>Builds the logger.</summary>
    public static Serilog.Core.Logger Create(string? logFile)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.WithProperty("Pid", Environment.ProcessId)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}");
        if (logFile is not null)
        {
            config = config.WriteTo.File(new CompactJsonFormatter(), logFile, flushToDiskInterval: TimeSpan.FromMilliseconds(200));
        }

        return config.CreateLogger();
    }
}
