using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Model;

namespace KieGen.Generator.Naming;

/// <summary>A model's identity as the cross-file rules need it: a tiny, equatable value.</summary>
internal sealed record ModelIdentity(string FilePath, string ModelId, string FullTypeName, SourceSpan Span);

/// <summary>Files excluded because their model id or type name is already taken, and the diagnostics saying so.</summary>
internal sealed record Conflicts(EquatableArray<string> ExcludedPaths, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static Conflicts Find(ImmutableArray<ModelIdentity> identities)
    {
        // Ordinal path order decides which file keeps the name, so the outcome never depends on file enumeration order.
        var ordered = identities.OrderBy(i => i.FilePath, StringComparer.Ordinal).ToList();
        var excluded = new List<string>();
        var diagnostics = new List<DiagnosticInfo>();
        var byId = new Dictionary<string, ModelIdentity>(StringComparer.Ordinal);
        var byType = new Dictionary<string, ModelIdentity>(StringComparer.Ordinal);
        foreach (var identity in ordered)
        {
            if (byId.TryGetValue(identity.ModelId, out var first))
            {
                excluded.Add(identity.FilePath);
                diagnostics.Add(At(identity, KieDiagnostics.DuplicateModelId.Id, identity.ModelId, first.FilePath));
            }
            else if (byType.TryGetValue(identity.FullTypeName, out var other))
            {
                excluded.Add(identity.FilePath);
                diagnostics.Add(At(identity, KieDiagnostics.NameCollision.Id,
                    "Models '" + other.ModelId + "' (" + other.FilePath + ") and '" + identity.ModelId + "' both become the C# type '" + identity.FullTypeName + "'"));
            }
            else
            {
                byId.Add(identity.ModelId, identity);
                byType.Add(identity.FullTypeName, identity);
            }
        }

        return new Conflicts(excluded.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static DiagnosticInfo At(ModelIdentity identity, string id, params string[] arguments)
    {
        var s = identity.Span;
        return new(id, identity.FilePath, s.Start, s.Length, s.StartLine, s.StartColumn, s.EndLine, s.EndColumn, arguments.ToEquatableArray());
    }
}
