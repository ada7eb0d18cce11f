using System.Collections;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace LoadRepro.Core.Scenarios;

/// <summary>
/// The first node deserializer YamlDotNet asks: it refuses a value whose shape (single value, list, mapping) is not
/// what its DTO property holds, in the user's words, and otherwise lets YamlDotNet's own deserializers read it. Without
/// it a scalar where a section belongs fails deep inside YamlDotNet with a message naming .NET types.
/// </summary>
/// <param name="listHints">What each list type should look like, for its error, e.g. "expected a list of pairs".</param>
internal sealed class ShapeCheck(IReadOnlyDictionary<Type, string> listHints) : INodeDeserializer
{
    /// <inheritdoc />
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        value = null;
        if (reader.Current is not { } node)
        {
            return false;
        }

        var problem = node switch
        {
            _ when expectedType == typeof(string) => node is Scalar ? null : "expected a single value, not a list or mapping",
            _ when typeof(IList).IsAssignableFrom(expectedType) && !typeof(IDictionary).IsAssignableFrom(expectedType) =>
                node is SequenceStart ? null : listHints.GetValueOrDefault(expectedType, "expected a list"),

            // DTO records and dictionaries; a type YamlDotNet chose from a tag (!!int) is left to it.
            _ when expectedType.IsClass && expectedType != typeof(object) => node is MappingStart ? null : "expected a mapping of keys (key: value)",
            _ => null,
        };
        return problem is null ? false : throw new Mismatch(node.Start, node.End, problem);
    }

    /// <summary>A value in the wrong shape: the error is about the value at the mark, not about a key.</summary>
    public sealed class Mismatch : YamlException
    {
        /// <summary>Creates the error for the value between the marks.</summary>
        public Mismatch(Mark start, Mark end, string message)
            : base(start, end, message)
        {
        }
    }
}
