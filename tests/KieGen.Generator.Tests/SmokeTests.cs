using KieGen.Generator.Tests.Infrastructure;

namespace KieGen.Generator.Tests;

public class SmokeTests
{
    [Fact]
    public void Catalog_examples_generate_code_that_compiles_cleanly()
    {
        // A consumer project generating the whole catalog again (to shadow models) compiles beside the runtime's copy.
        var files = Catalog.Files();
        var result = GeneratorHarness.Run(files, options: GeneratorHarness.Consumer);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(files.Length, result.Sources.Count);
        Assert.Contains("KieCatalog", result.CatalogSource);
        Assert.Empty(result.CompileProblems());
    }
}
