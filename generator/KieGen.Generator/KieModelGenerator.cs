using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Emit;
using KieGen.Generator.Model;
using KieGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KieGen.Generator;

/// <summary>
/// Turns <c>*.kie.json</c> schema files (AdditionalFiles) into typed, validated request types.
/// This class only wires the pipeline; parsing and emission are plain classes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KieModelGenerator : IIncrementalGenerator
{
    /// <summary>Version stamped into [GeneratedCode]; fixed text keeps output byte-identical across builds.</summary>
    internal const string Version = "0.1.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var schemaFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsSchemaFile(pair.Left, pair.Right))
            .Select(static (pair, token) => new SchemaFile(pair.Left.Path, pair.Left.GetText(token)?.ToString() ?? ""))
            .WithTrackingName(TrackingNames.SchemaFiles);

        var parsed = schemaFiles
            .Combine(options)
            .Select(static (pair, _) => SchemaParser.Parse(pair.Left.Path, pair.Left.Text, pair.Right))
            .WithTrackingName(TrackingNames.Parsed);

        // Cross-file rules need every model's identity, but only that: a tiny, equatable value.
        var identities = parsed
            .Select(static (result, _) => result.Model is { } m ? new ModelIdentity(m.FilePath, m.ModelId, m.FullTypeName, m.ModelIdSpan) : null)
            .Where(static identity => identity is not null)
            .Collect();
        var conflicts = identities
            .Select(static (identities, _) => Conflicts.Find(identities!))
            .WithTrackingName(TrackingNames.Conflicts);

        // A deprecated model's [Obsolete] message names its replacement's C# type when the project generates it.
        var modelTypes = identities
            .Select(static (identities, _) => ModelTypes.Of(identities!))
            .WithTrackingName(TrackingNames.ModelTypes);

        var models = parsed
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Combine(conflicts)
            .Where(static pair => !pair.Right.ExcludedPaths.Contains(pair.Left!.FilePath))
            .Select(static (pair, _) => pair.Left!)
            .Combine(modelTypes)
            .Select(static (pair, _) => pair.Right.Resolve(pair.Left))
            .WithTrackingName(TrackingNames.Models);

        var sources = models
            .Select(static (model, _) => Render(model))
            .WithTrackingName(TrackingNames.Sources);

        var catalog = models
            .Select(static (model, _) => new CatalogItem(model.ModelId, model.FullTypeName))
            .Collect()
            .Combine(options)
            .Select(static (pair, _) => CatalogEmitter.Emit(pair.Right.BaseNamespace, pair.Left, Version) ?? "")
            .WithTrackingName(TrackingNames.Catalog);

        context.RegisterSourceOutput(catalog, static (spc, text) =>
        {
            if (text.Length > 0)
            {
                spc.AddSource(CatalogEmitter.HintName, SourceText.From(text, System.Text.Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(sources, static (spc, source) =>
        {
            if (source.Text is not null)
            {
                spc.AddSource(source.HintName, SourceText.From(source.Text, System.Text.Encoding.UTF8));
            }
            else
            {
                Report(spc, source.Failure!);
            }
        });

        context.RegisterSourceOutput(parsed.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                Report(spc, diagnostic);
            }
        });

        context.RegisterSourceOutput(conflicts, static (spc, found) =>
        {
            foreach (var diagnostic in found.Diagnostics)
            {
                Report(spc, diagnostic);
            }
        });
    }

    /// <summary>
    /// The base namespace: <c>KieGenNamespace</c> when set, else <c>{RootNamespace}.Kie</c>, so that a project's own
    /// models never collide with the compiled catalog's <c>KieGen.Models</c> types they may shadow.
    /// </summary>
    internal static GeneratorOptions ReadOptions(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions global)
    {
        if (global.TryGetValue("build_property.KieGenNamespace", out var configured) && !string.IsNullOrWhiteSpace(configured))
        {
            return new GeneratorOptions(configured.Trim());
        }

        if (global.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root))
        {
            return new GeneratorOptions(root.Trim() + ".Kie");
        }

        return new GeneratorOptions(GeneratorOptions.DefaultNamespace);
    }

    private static bool IsSchemaFile(AdditionalText file, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider options)
    {
        if (file.Path.EndsWith(".kie.json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return options.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles.KieSchema", out var flag) &&
               string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
    }

    private static RenderedSource Render(ModelSpec model)
    {
        try
        {
            return new RenderedSource(RequestEmitter.HintName(model), RequestEmitter.Emit(model, Version), null);
        }
        catch (Exception e)
        {
            // A generator never throws: an emitter bug becomes a diagnostic on the schema file.
            var failure = new DiagnosticInfo(KieDiagnostics.InternalError.Id, model.FilePath, 0, 0, 0, 0, 0, 0,
                new[] { e.GetType().Name + ": " + e.Message }.ToEquatableArray());
            return new RenderedSource(RequestEmitter.HintName(model), null, failure);
        }
    }

    private static void Report(SourceProductionContext context, DiagnosticInfo info)
    {
        var location = Location.Create(
            info.FilePath,
            new TextSpan(info.Start, info.Length),
            new LinePositionSpan(new LinePosition(info.StartLine, info.StartColumn), new LinePosition(info.EndLine, info.EndColumn)));
        context.ReportDiagnostic(Diagnostic.Create(KieDiagnostics.ById[info.Id], location, info.Arguments.ToArray<object>()));
    }
}

/// <summary>Names of the pipeline steps, shared with the incremental tests.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string SchemaFiles = nameof(SchemaFiles);
    public const string Parsed = nameof(Parsed);
    public const string Conflicts = nameof(Conflicts);
    public const string Models = nameof(Models);
    public const string Sources = nameof(Sources);
    public const string Catalog = nameof(Catalog);
    public const string ModelTypes = nameof(ModelTypes);

    public static readonly string[] All = { Options, SchemaFiles, Parsed, Conflicts, ModelTypes, Models, Sources, Catalog };
}

internal sealed record SchemaFile(string Path, string Text);

internal sealed record RenderedSource(string HintName, string? Text, DiagnosticInfo? Failure);

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
