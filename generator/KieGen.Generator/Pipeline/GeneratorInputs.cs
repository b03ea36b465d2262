using System;
using KieGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KieGen.Generator;

/// <summary>What the generator reads from MSBuild: which additional files are schemas, and the options.</summary>
internal static class GeneratorInputs
{
    /// <summary>
    /// The base namespace: <c>KieGenNamespace</c> when set, else <c>{RootNamespace}.Kie</c>, so that a project's own
    /// models never collide with the compiled catalog's <c>KieGen.Models</c> types they may shadow.
    /// </summary>
    public static GeneratorOptions ReadOptions(AnalyzerConfigOptions global)
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

    /// <summary>A <c>*.kie.json</c> file, or any additional file flagged with <c>KieSchema="true"</c> metadata.</summary>
    public static bool IsSchemaFile(AdditionalText file, AnalyzerConfigOptionsProvider options)
    {
        if (file.Path.EndsWith(".kie.json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return options.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles.KieSchema", out var flag) &&
               string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
    }
}
