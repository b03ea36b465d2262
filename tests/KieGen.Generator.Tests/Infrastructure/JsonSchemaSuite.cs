using System.Reflection;

namespace KieGen.Generator.Tests.Infrastructure;

/// <summary>
/// Where the external JSON Schema Test Suite is: the folder named by <c>KIEGEN_JSON_SCHEMA_SUITE</c>, else the one the
/// build recorded (MSBuild property <c>KieGenJsonSchemaSuite</c>, by default <c>../shared/conformance/json-schema-test-suite</c>
/// beside the clone). The suite is never copied into the repository or the build output.
/// </summary>
internal static class JsonSchemaSuite
{
    /// <summary>The environment variable that names the suite's folder (the one holding <c>draft2020-12/</c>).</summary>
    public const string Variable = "KIEGEN_JSON_SCHEMA_SUITE";

    private static readonly string Root = ResolveRoot();

    /// <summary>The draft 2020-12 test files' folder, or null when the suite is not on this machine.</summary>
    public static string? Draft2020Directory { get; } =
        Directory.Exists(Path.Combine(Root, "draft2020-12")) ? Path.Combine(Root, "draft2020-12") : null;

    /// <summary>Why the conformance tests did not run, and how to make them run.</summary>
    public static string MissingReason =>
        $"JSON Schema Test Suite not found at '{Root}'. Clone https://github.com/json-schema-org/JSON-Schema-Test-Suite " +
        $"there (the folder holding draft2020-12/), or set {Variable} (or the MSBuild property KieGenJsonSchemaSuite) to its folder.";

    private static string ResolveRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        return typeof(JsonSchemaSuite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "JsonSchemaSuite").Value!;
    }
}
