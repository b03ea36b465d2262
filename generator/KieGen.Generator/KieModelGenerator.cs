using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Emit;
using KieGen.Generator.Model;
using KieGen.Generator.Naming;
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
            .Select(static (provider, _) => GeneratorInputs.ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var schemaFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => GeneratorInputs.IsSchemaFile(pair.Left, pair.Right))
            .Select(static (pair, token) => new SchemaFile(pair.Left.Path, pair.Left.GetText(token)?.ToString() ?? ""))
            .WithTrackingName(TrackingNames.SchemaFiles);

        var parsed = schemaFiles
            .Combine(options)
            .Select(static (pair, _) => SchemaParser.Parse(pair.Left.Path, pair.Left.Text, pair.Right))
            .WithTrackingName(TrackingNames.Parsed);

        // Cross-file rules need every model's id and declared type names, but only those: a small, equatable value.
        var conflicts = parsed
            .Select(static (result, _) => result.Declared)
            .Where(static declared => declared is not null)
            .Collect()
            .Select(static (declared, _) => Conflicts.Find(declared!))
            .WithTrackingName(TrackingNames.Conflicts);

        // A deprecated model's [Obsolete] message names its replacement's C# type when the project generates it.
        var modelTypes = parsed
            .Select(static (result, _) => result.Model is { } m ? CatalogItem.Of(m) : null)
            .Where(static item => item is not null)
            .Collect()
            .Select(static (items, _) => ModelTypes.Of(items!))
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
            .Select(static (model, _) => RequestEmitter.Render(model, Version))
            .WithTrackingName(TrackingNames.Sources);

        var catalog = models
            .Select(static (model, _) => CatalogItem.Of(model))
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
                DiagnosticReporter.Report(spc, source.Failure!);
            }
        });

        context.RegisterSourceOutput(parsed.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                DiagnosticReporter.Report(spc, diagnostic);
            }
        });

        context.RegisterSourceOutput(conflicts, static (spc, found) =>
        {
            foreach (var diagnostic in found.Diagnostics)
            {
                DiagnosticReporter.Report(spc, diagnostic);
            }
        });
    }
}
