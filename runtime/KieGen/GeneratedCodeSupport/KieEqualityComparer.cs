using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;

namespace KieGen.Generated;

/// <summary>Equality used by <c>uniqueItems</c> on untyped and structured items. Not meant for direct use.</summary>
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
