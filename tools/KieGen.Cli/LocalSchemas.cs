using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KieGen.Cli;

/// <summary>One schema file of the folder: its model id, where it is, and its content.</summary>
internal sealed record LocalSchema(string Model, string Path, JsonObject File);

/// <summary>
/// The schema files of a folder as <c>kiegen diff</c> sees them. Every file's model id is known (so Kie listing it is
/// not news), but only Market files that are not deprecated are checked against Kie: a deprecated file records a
/// rename or retirement the team already knows of, and the files of other families describe endpoints the discovery
/// schema answers do not, so the importer cannot produce them to compare.
/// </summary>
internal sealed class LocalSchemas
{
    private LocalSchemas(IReadOnlySet<string> known, IReadOnlyList<LocalSchema> checkable)
    {
        Known = known;
        Checkable = checkable;
    }

    /// <summary>Every model id a file of the folder names, whatever its family or state.</summary>
    public IReadOnlySet<string> Known { get; }

    /// <summary>The live Market files, in model id order.</summary>
    public IReadOnlyList<LocalSchema> Checkable { get; }

    /// <summary>Reads every <c>*.kie.json</c> under the folder; a missing folder or a file that is not a schema file is an error naming it.</summary>
    public static LocalSchemas Read(DirectoryInfo folder)
    {
        if (!folder.Exists)
        {
            throw new DirectoryNotFoundException($"The schema folder '{folder.FullName}' does not exist.");
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        var checkable = new Dictionary<string, LocalSchema>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder.FullName, "*.kie.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(File.ReadAllText(path));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e);
            }

            if (node is not JsonObject file || file["model"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                throw new InvalidDataException($"{path}: a schema file must be a JSON object with a string 'model'.");
            }

            var model = value.GetValue<string>();
            known.Add(model);
            if (file["deprecated"] is null && (string?)file["family"] is null or "market")
            {
                checkable[model] = new LocalSchema(model, path, file);
            }
        }

        return new LocalSchemas(known, checkable.Values.OrderBy(s => s.Model, StringComparer.Ordinal).ToList());
    }
}
