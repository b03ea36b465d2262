using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Model;

namespace KieGen.Generator.Naming;

/// <summary>A type a model declares in its namespace, with the schema position that caused it.</summary>
internal sealed record DeclaredType(string Name, SourceSpan Span);

/// <summary>
/// Every namespace-level type one schema file declares (its request type first, at the model id), for the cross-file
/// rules. Holds positions, so it changes on whitespace edits; the models themselves do not.
/// </summary>
internal sealed record DeclaredTypes(string FilePath, string ModelId, string Namespace, EquatableArray<DeclaredType> Types);

/// <summary>Files excluded because their model id or a type name is already taken, and the diagnostics saying so.</summary>
internal sealed record Conflicts(EquatableArray<string> ExcludedPaths, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static Conflicts Find(ImmutableArray<DeclaredTypes> files)
    {
        // Ordinal path order decides which file keeps the name, so the outcome never depends on file enumeration order.
        var ordered = files.OrderBy(f => f.FilePath, StringComparer.Ordinal).ToList();
        var excluded = new List<string>();
        var diagnostics = new List<DiagnosticInfo>();
        var byId = new Dictionary<string, DeclaredTypes>(StringComparer.Ordinal);
        var byType = new Dictionary<string, (DeclaredTypes File, DeclaredType Type)>(StringComparer.Ordinal);
        foreach (var file in ordered)
        {
            if (byId.TryGetValue(file.ModelId, out var first))
            {
                excluded.Add(file.FilePath);
                diagnostics.Add(At(file, file.Types[0].Span, KieDiagnostics.DuplicateModelId.Id, file.ModelId, first.FilePath));
                continue;
            }

            var clashes = file.Types
                .Where(t => byType.ContainsKey(file.Namespace + "." + t.Name))
                .ToList();
            foreach (var type in clashes)
            {
                var other = byType[file.Namespace + "." + type.Name];
                diagnostics.Add(At(file, type.Span, KieDiagnostics.NameCollision.Id,
                    "Model '" + file.ModelId + "' declares the C# type '" + file.Namespace + "." + type.Name + "', which model '" +
                    other.File.ModelId + "' (" + other.File.FilePath + ") already declares"));
            }

            if (clashes.Count > 0)
            {
                excluded.Add(file.FilePath);
                continue;
            }

            byId.Add(file.ModelId, file);
            foreach (var type in file.Types)
            {
                byType.Add(file.Namespace + "." + type.Name, (file, type));
            }
        }

        return new Conflicts(excluded.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static DiagnosticInfo At(DeclaredTypes file, SourceSpan s, string id, params string[] arguments) =>
        new(id, file.FilePath, s.Start, s.Length, s.StartLine, s.StartColumn, s.EndLine, s.EndColumn, arguments.ToEquatableArray());
}
