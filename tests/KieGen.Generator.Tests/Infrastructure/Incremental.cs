using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KieGen.Generator.Tests.Infrastructure;

public static class Incremental
{
    /// <summary>Runs the driver again after an unrelated C# edit and asserts every tracked step was served from cache.</summary>
    public static void AssertCachedAfterUnrelatedEdit(GeneratorDriver driver, Compilation compilation)
    {
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { int X => 42; }", new CSharpParseOptions(LanguageVersion.Latest)));
        var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();
        foreach (var name in TrackingNames.All)
        {
            if (!rerun.TrackedSteps.TryGetValue(name, out var steps))
            {
                continue;
            }

            foreach (var step in steps)
            {
                foreach (var (_, reason) in step.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step {name} was {reason} after an unrelated edit.");
                }
            }
        }

        Assert.All(rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }
}
