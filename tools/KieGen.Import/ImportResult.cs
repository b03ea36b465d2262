using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace KieGen.Import;

/// <summary>Where a document came from, recorded in the file's <c>x-source</c> member.</summary>
/// <param name="Url">The address (or file path) it was read from.</param>
/// <param name="RetrievedAt">When it was read.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the document's bytes as received.</param>
public sealed record ImportSource(string Url, System.DateTimeOffset RetrievedAt, string Sha256);

/// <summary>The outcome of converting one model's document.</summary>
/// <param name="Model">The model id, when the document names one.</param>
/// <param name="File">The schema file; null when the model is not importable.</param>
/// <param name="NotImportableReason">Why there is no file (a synchronous endpoint, no <c>input</c>, not synced yet).</param>
/// <param name="Repairs">What the importer repaired in Kie's document, with the JSON pointer of each repair.</param>
public sealed record ImportResult(string? Model, JsonObject? File, string? NotImportableReason, IReadOnlyList<string> Repairs)
{
    /// <summary>True when a schema file was produced.</summary>
    public bool Imported => File is not null;
}
