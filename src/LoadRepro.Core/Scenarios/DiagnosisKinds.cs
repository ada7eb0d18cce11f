using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Naming;

namespace LoadRepro.Core.Scenarios;

/// <summary>The names of the <see cref="DiagnosisKind"/>s, as <c>expect: diagnosis:</c> and <c>--expect diagnosis=</c> take them.</summary>
public static class DiagnosisKinds
{
    /// <summary>Every kind's name, in the order of the catalogue.</summary>
    public static IReadOnlyList<string> All { get; } = KebabNames.All<DiagnosisKind>().Select(k => k.Name).ToArray();
}
