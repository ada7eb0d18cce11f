using System.Text.Json;
using System.Text.Json.Serialization;
using LoadRepro.Core.Naming;

namespace LoadRepro.Agent;

/// <summary>How the agent's samples stream is written and read: web conventions, enums in kebab-case as in run records.</summary>
public static class AgentJson
{
    /// <summary>The options both the agent and a run pulling from it use.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(KebabNames.Policy) },
    };
}
