namespace KieGen.Generator.Tests.Infrastructure;

/// <summary>Test-only schema files (tests/KieGen.Generator.Tests/TestSchemas), copied beside the tests.</summary>
public static class TestSchemas
{
    public static (string Path, string Text) File(string name) =>
        ("TestSchemas/" + name, System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestSchemas", name)));
}
