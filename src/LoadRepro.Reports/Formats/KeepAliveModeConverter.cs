using System.Text.Json;
using System.Text.Json.Serialization;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Records;

namespace LoadRepro.Reports.Formats;

/// <summary>A keep-alive mode as users type it (<c>on</c>, <c>timeout=5s</c>...), and an unknown one (the user's server's) as <c>unknown</c>.</summary>
internal sealed class KeepAliveModeConverter : JsonConverter<KeepAliveMode>
{
    /// <summary>True: null is written as <c>unknown</c>, not as JSON null.</summary>
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override KeepAliveMode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("expected a string for the keep-alive mode");
        if (text == ServerOutcome.Unknown)
        {
            return null;
        }

        return KeepAliveMode.TryParse(text, out var mode, out var error) ? mode : throw new JsonException(error);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, KeepAliveMode? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value?.ToString() ?? ServerOutcome.Unknown);
}
