using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace KieGen.Requests.Support;

/// <summary>Equality used by <c>uniqueItems</c> on untyped and structured items. Called by generated code; not meant for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KieJsonEqualityComparer : IEqualityComparer<JsonElement>
{
    /// <summary>The shared instance.</summary>
    public static readonly KieJsonEqualityComparer Instance = new();

    /// <inheritdoc />
    public bool Equals(JsonElement x, JsonElement y) => KieJson.DeepEquals(x, y);

    /// <inheritdoc />
    public int GetHashCode(JsonElement obj) => (int)obj.ValueKind;
}
