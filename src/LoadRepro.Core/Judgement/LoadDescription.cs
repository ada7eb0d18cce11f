using System.Globalization;
using LoadRepro.Core.Naming;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Core.Judgement;

/// <summary>A run's load in words, as a report's header and a comparison's brief of each run give it.</summary>
public static class LoadDescription
{
    /// <summary>The load in words: connections, HTTP version, rate or workers, duration.</summary>
    public static string Of(LoadInfo l) => string.Create(CultureInfo.InvariantCulture,
        $"{KebabNames.Name(l.Connection)} connections, HTTP/{l.Http}, {(l.Model == LoadModelKind.Rate ? $"{l.Rate} requests/s" : $"{l.Concurrency} workers")} for {l.DurationSeconds:0.#} s");
}
