using System;
using System.IO;

namespace KieGen.Tests.Shared;

/// <summary>
/// Kie's own docs pages with embedded OpenAPI documents: an optional external suite, found through
/// <c>KIEGEN_OPENAPI_SAMPLES</c>, else <c>../shared/kie-reference/openapi-samples</c> beside the clone.
/// </summary>
internal static class KieOpenApiSamples
{
    public const string AbsentReason = "Kie's OpenAPI samples are absent: set KIEGEN_OPENAPI_SAMPLES or place ../shared/kie-reference/openapi-samples beside the clone";

    /// <summary>The folder of samples, or null when there is none.</summary>
    public static string? Folder()
    {
        var configured = Environment.GetEnvironmentVariable("KIEGEN_OPENAPI_SAMPLES");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KieGen.sln")))
            {
                var beside = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "kie-reference", "openapi-samples"));
                return Directory.Exists(beside) ? beside : null;
            }
        }

        return null;
    }

    /// <summary>Every page of the folder (<c>*.md</c> but its README), in ordinal order.</summary>
    public static string[] Pages(string folder)
    {
        var pages = Array.FindAll(Directory.GetFiles(folder, "*.md"), p => !Path.GetFileName(p).Equals("README.md", StringComparison.OrdinalIgnoreCase));
        Array.Sort(pages, StringComparer.Ordinal);
        return pages;
    }
}
