using System;
using System.Collections.Generic;

namespace KieGen.Requests;

/// <summary>
/// One parameter of a model as its schema declares it: wire name, JSON type, enum values and role
/// (<c>x-kie-role</c>). Lets generic adapters (Microsoft.Extensions.AI) build a request for any model without
/// reflection; the model's <c>TryParse</c> still validates what they build.
/// </summary>
public sealed class KieParameterInfo
{
    /// <summary>Creates the description of a parameter. Called by generated code.</summary>
    public KieParameterInfo(string wireName, KieParameterType type, bool required, string? role, KieParameterType? itemType, IReadOnlyList<string> enumValues)
    {
        ArgumentNullException.ThrowIfNull(wireName);
        ArgumentNullException.ThrowIfNull(enumValues);
        WireName = wireName;
        Type = type;
        Required = required;
        Role = role;
        ItemType = itemType;
        EnumValues = enumValues;
    }

    /// <summary>The parameter's name on the wire, byte for byte (<c>aspect_ratio</c>, <c>image_urls</c>).</summary>
    public string WireName { get; }

    /// <summary>The JSON type the schema gives the value.</summary>
    public KieParameterType Type { get; }

    /// <summary>Whether the model requires the parameter (in every shape, for models with alternatives).</summary>
    public bool Required { get; }

    /// <summary>What the parameter means to a generic adapter (one of <see cref="KieParameterRoles"/>), or null.</summary>
    public string? Role { get; }

    /// <summary>For an array, the JSON type of its items; otherwise null.</summary>
    public KieParameterType? ItemType { get; }

    /// <summary>The allowed values as text (of the value, or of an array's items); empty when any value goes.</summary>
    public IReadOnlyList<string> EnumValues { get; }

    /// <inheritdoc />
    public override string ToString() => Role is null ? WireName : WireName + " (" + Role + ")";
}

/// <summary>The JSON type of a parameter.</summary>
public enum KieParameterType
{
    /// <summary>A string (enumerated or free).</summary>
    String,
    /// <summary>An integer.</summary>
    Integer,
    /// <summary>A number.</summary>
    Number,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>An array.</summary>
    Array,
    /// <summary>An object with declared properties.</summary>
    Object,
    /// <summary>Any JSON value, or several types.</summary>
    Json,
}
