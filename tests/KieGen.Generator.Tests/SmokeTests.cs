using KieGen.Generator.Tests.Infrastructure;

namespace KieGen.Generator.Tests;

public class SmokeTests
{
    [Fact]
    public void Catalog_examples_generate_code_that_compiles_cleanly()
    {
        var result = GeneratorHarness.Run(Catalog.Files());
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(2, result.Sources.Count);
        Assert.Empty(result.CompileProblems());
    }
}
