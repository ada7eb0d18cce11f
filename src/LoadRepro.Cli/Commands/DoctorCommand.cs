using System.CommandLine;
using System.Text.Json;
using LoadRepro.Cli.Doctor;
using LoadRepro.Core.Sysctls;

namespace LoadRepro.Cli.Commands;

/// <summary><c>loadrepro doctor</c>: the limits and TCP sysctls in force, each with what it really does.</summary>
public static class DoctorCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var root = new Option<string>("--proc-sys")
        {
            Description = $"The sysctl tree to read (default {SysctlReader.DefaultRoot}: this network namespace's).",
            DefaultValueFactory = _ => SysctlReader.DefaultRoot,
        };
        var command = new Command("doctor", "Print the descriptor limits and TCP sysctls in force, with what each really does and whether it matters for EMFILE or for ports.")
        {
            json, root,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(root)!;
            if (!Directory.Exists(folder))
            {
                throw new UserFacingException($"--proc-sys: {folder} is not a folder");
            }

            var readings = SystemLimits.Read(new SysctlReader(folder));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { procSys = folder, settings = readings }, Json));
                return ExitCodes.Passed;
            }

            var nameWidth = readings.Max(r => r.Name.Length);
            var valueWidth = Math.Max(5, readings.Max(r => r.Value.Length));
            Console.Out.WriteLine($"{"setting".PadRight(nameWidth)}  {"value".PadRight(valueWidth)}  {"bounds",-7}  what it really does");
            foreach (var r in readings)
            {
                Console.Out.WriteLine($"{r.Name.PadRight(nameWidth)}  {r.Value.PadRight(valueWidth)}  {r.MattersFor,-7}  {r.Meaning}");
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
