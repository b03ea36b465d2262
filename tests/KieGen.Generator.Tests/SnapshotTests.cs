using System.Reflection;
using Microsoft.CodeAnalysis;
using KieGen.Generator.Tests.Infrastructure;

namespace KieGen.Generator.Tests;

/// <summary>Emitted code is pinned by snapshots; each snapshot must also compile cleanly and stay cached.</summary>
public class SnapshotTests
{
    [Theory]
    [InlineData("video/kling-2.6-image-to-video.kie.json", "Consumer.Kie.Video.Kling2_6ImageToVideoRequest.g.cs")]
    [InlineData("video/veo3.1-generate.kie.json", "Consumer.Kie.Video.Veo3_1GenerateRequest.g.cs")]
    public void Catalog_model_matches_snapshot_compiles_and_caches(string schema, string hintName)
    {
        var result = GeneratorHarness.Run(new AdditionalText[] { Catalog.File(schema) }, options: GeneratorHarness.Consumer);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileProblems());
        Snapshot.Match(result.Source(hintName), hintName.Replace(".g.cs", ""));
        Incremental.AssertCachedAfterUnrelatedEdit(result.Driver, result.Output);
    }

    /// <summary>One schema per family shape and feature, kept beside the snapshots (<c>Snapshots/Schemas</c>).</summary>
    [Theory]
    [InlineData("nested-objects.kie.json", "Consumer.Kie.Image.ShapesNestedObjectsRequest.g.cs")]
    [InlineData("enums-and-deprecated.kie.json", "Consumer.Kie.Video.ShapesEnumsAndDeprecatedRequest.g.cs")]
    [InlineData("composition-and-body.kie.json", "Consumer.Kie.Image.ShapesCompositionAndBodyRequest.g.cs")]
    [InlineData("discontinued-values.kie.json", "Consumer.Kie.Music.ShapesDiscontinuedValuesRequest.g.cs")]
    [InlineData("synchronous-call.kie.json", "Consumer.Kie.Audio.ShapesSynchronousCallRequest.g.cs")]
    public void Shape_matches_snapshot_compiles_strictly_and_caches(string schema, string hintName)
    {
        var directory = Path.Combine(typeof(SnapshotTests).Assembly.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!, "Snapshots", "Schemas");
        var file = new SchemaText("shapes/" + schema, File.ReadAllText(Path.Combine(directory, schema)));

        var strict = StrictBuild.Run(new AdditionalText[] { file });
        Assert.Empty(strict.GeneratorDiagnostics);
        Assert.True(strict.CompileProblems.Count == 0, string.Join("\n", strict.CompileProblems));

        var result = GeneratorHarness.Run(new AdditionalText[] { file }, options: GeneratorHarness.Consumer);
        Snapshot.Match(result.Source(hintName), hintName.Replace(".g.cs", ""));
        Incremental.AssertCachedAfterUnrelatedEdit(result.Driver, result.Output);
    }
}
