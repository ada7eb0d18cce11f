using System.Text.Json;
using System.Text.Json.Serialization;
using LoadRepro.Core.Naming;

namespace LoadRepro.Reports.Formats;

/// <summary>
/// An optional enum as a string: the member's kebab-case name, and null as a fixed word (<c>unknown</c>, or empty),
/// the word the files have always had there.
/// </summary>
/// <param name="nullText">What null is written as, and read back from.</param>
internal sealed class NullableEnumAsTextConverter<TEnum>(string nullText) : JsonConverter<TEnum?>
    where TEnum : struct, Enum
{
    /// <summary>True: null is written as the fixed word, not as JSON null.</summary>
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override TEnum? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"expected a string for {typeof(TEnum).Name}");
        if (text == nullText)
        {
            return null;
        }

        return KebabNames.TryParse<TEnum>(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not one of: {string.Join(", ", KebabNames.All<TEnum>().Select(m => m.Name).Append(nullText))}");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value is { } v ? KebabNames.Name(v) : nullText);
}
