using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.Import;

namespace KieGen.Cli;

/// <summary>What each kiegen command does; Program.cs only wires options to these.</summary>
internal static partial class Commands
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static KieClient Connect(string? baseUrl, FileInfo? keyFile)
    {
        var key = keyFile is not null ? File.ReadAllText(keyFile.FullName).Trim() : Environment.GetEnvironmentVariable(KieClientOptions.ApiKeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException($"No API key: set {KieClientOptions.ApiKeyVariable} or pass --api-key-file.");
        }

        var options = new KieClientOptions { ApiKey = key };
        if (baseUrl is not null)
        {
            options.BaseAddress = Uri.TryCreate(baseUrl, UriKind.Absolute, out var address) ? address : throw new ArgumentException($"--base-url: '{baseUrl}' is not an absolute URL.");
        }

        return new KieClient(options);
    }

    public static async Task<int> ModelsAsync(KieClient client, string? q, string? provider, string[]? taskTypes, TextWriter output, CancellationToken ct)
    {
        using var _ = client;
        var list = await client.ListModelsAsync(new KieModelQuery(taskTypes is { Length: > 0 } ? taskTypes : null, provider, q), ct);
        var width = Math.Max(5, list.Models.Select(m => m.Model.Length).DefaultIfEmpty(0).Max());
        var typesWidth = Math.Max(10, list.Models.Select(m => string.Join(", ", m.TaskTypes).Length).DefaultIfEmpty(0).Max());
        await output.WriteLineAsync($"{"MODEL".PadRight(width)}  {"TASK TYPES".PadRight(typesWidth)}  PRICE");
        foreach (var m in list.Models)
        {
            await output.WriteLineAsync($"{m.Model.PadRight(width)}  {string.Join(", ", m.TaskTypes).PadRight(typesWidth)}  {m.PricingDescription}");
        }

        await output.WriteLineAsync($"{list.Total} model(s)");
        return 0;
    }

    public static async Task<int> ImportAsync(KieClient client, string[] ids, bool all, DirectoryInfo folder, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        using var _ = client;
        if (ids.Length == 0 && !all)
        {
            await errors.WriteLineAsync("Name at least one model, or pass --all.");
            return 2;
        }

        var listed = await client.ListModelsAsync(null, ct);
        var wanted = all ? listed.Models.Select(m => m.Model).ToArray() : ids;
        var failures = 0;
        for (var i = 0; i < wanted.Length; i++)
        {
            if (all)
            {
                await errors.WriteLineAsync($"[{i + 1}/{wanted.Length}] {wanted[i]}");
            }

            try
            {
                var result = await DriftCheck.FetchAsync(client, wanted[i], listed, ct);
                if (result.File is null)
                {
                    await errors.WriteLineAsync($"not importable: {wanted[i]}: {result.NotImportableReason}");
                    continue;
                }

                await output.WriteLineAsync(Write(folder, result.File).ToString());
                foreach (var repair in result.Repairs)
                {
                    await output.WriteLineAsync($"  repaired {repair}");
                }
            }
            catch (Exception e) when (e is KieImportException or KieApiException)
            {
                failures++;
                await errors.WriteLineAsync($"error: {wanted[i]}: {e.Message}");
            }
        }

        return failures == 0 ? 0 : 1;
    }

    public static async Task<int> ImportFileAsync(FileInfo saved, DirectoryInfo folder, TextWriter output, TextWriter errors, CancellationToken ct, string[]? taskTypes = null)
    {
        var bytes = await File.ReadAllBytesAsync(saved.FullName, ct);
        try
        {
            var document = KieDocumentReader.Read(bytes, saved.Name);
            if (document.OpenApi is null)
            {
                await errors.WriteLineAsync($"not importable: {document.Model}: Kie has not synced its schema yet (openapi is null)");
                return 1;
            }

            var result = KieOpenApiImporter.Convert(document.OpenApi, new ImportSource(saved.FullName, File.GetLastWriteTimeUtc(saved.FullName), KieOpenApiImporter.Sha256(bytes)),
                taskTypes is { Length: > 0 } ? taskTypes : null);
            if (result.File is null)
            {
                await errors.WriteLineAsync($"not importable: {result.Model}: {result.NotImportableReason}");
                return 1;
            }

            await output.WriteLineAsync(Write(folder, result.File).ToString());
            foreach (var repair in result.Repairs)
            {
                await output.WriteLineAsync($"  repaired {repair}");
            }

            return 0;
        }
        catch (KieImportException e)
        {
            await errors.WriteLineAsync($"error: {saved.Name}: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Sets up a project for schema files: the format's meta-schema (for editor completion; replaced when this
    /// version's differs) and one example model file, which is never overwritten.
    /// </summary>
    public static async Task<int> InitAsync(DirectoryInfo project, TextWriter output, CancellationToken ct)
    {
        var schemas = Path.Combine(project.FullName, "schemas");
        var metaSchema = Path.Combine(schemas, "kie-model.schema.json");
        var metaText = Resource("kie-model.schema.json");
        var existing = File.Exists(metaSchema) ? await File.ReadAllTextAsync(metaSchema, ct) : null;
        if (existing == metaText)
        {
            await output.WriteLineAsync($"unchanged {metaSchema}");
        }
        else
        {
            WriteAtomically(metaSchema, metaText);
            await output.WriteLineAsync($"{(existing is null ? "added" : "updated")} {metaSchema}");
        }

        var example = Path.Combine(schemas, "image", "google-nano-banana.kie.json");
        if (File.Exists(example))
        {
            await output.WriteLineAsync($"kept {example} (it exists)");
        }
        else
        {
            WriteAtomically(example, Resource("example.kie.json"));
            await output.WriteLineAsync($"added {example}");
        }

        await output.WriteLineAsync("Next: reference the KieGen package, build, and call the generated request type; add models with 'kiegen import <model>'.");
        return 0;
    }

    /// <summary>Writes the file where the folder keeps its category's models, atomically, and says what happened.</summary>
    private static WrittenFile Write(DirectoryInfo folder, JsonObject file) =>
        Write(Path.Combine(folder.FullName, (string)file["category"]!, ((string)file["model"]!).Replace('/', '-') + ".kie.json"), file);

    /// <summary>Writes the file at <paramref name="path"/> atomically, keeping the annotations of the file it replaces, and says what happened.</summary>
    private static WrittenFile Write(string path, JsonObject file)
    {
        var existed = File.Exists(path);
        if (existed)
        {
            // The names and notes the team added to its file survive a re-import.
            var local = (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;
            SchemaAnnotations.CarryOver(local, file);
            if (SchemaDiff.Compare(local, file).Count == 0)
            {
                return new WrittenFile("unchanged", path);
            }
        }

        WriteAtomically(path, file.ToJsonString(Pretty) + "\n");
        return new WrittenFile(existed ? "updated" : "added", path);
    }

    /// <summary>A temporary file beside the target, then a rename: a reader never sees half a file.</summary>
    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(Commands).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The tool was built without its {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
