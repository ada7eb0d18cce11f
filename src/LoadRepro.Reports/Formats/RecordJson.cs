using System.Text.Json;
using System.Text.Json.Serialization;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Formats;

/// <summary>
/// How summary.json and compare.json write the records: camelCase keys and every enum by its kebab-case name
/// (<see cref="KebabNames"/>), so the files keep the strings they always had; what a record leaves unknown is written as the
/// word the files always had for it.
/// </summary>
internal static class RecordJson
{
    /// <summary>The options both files are written and read with.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters =
        {
            new NullableEnumAsTextConverter<BugMode>(ServerOutcome.Unknown),
            new KeepAliveModeConverter(),

            // Two runs about the same (or a figure without a better direction): an empty string, as compare.json always had.
            new NullableEnumAsTextConverter<ComparisonSide>(""),
            new JsonStringEnumConverter(KebabNames.Policy),
        },
    };
}
