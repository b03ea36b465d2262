using System.Reflection;

namespace KieGen.Catalog.Tests.Infrastructure;

/// <summary>Where the repository is (recorded at build time), for tests that read or run files in it.</summary>
public static class Repository
{
    public static readonly string Root = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;
}
