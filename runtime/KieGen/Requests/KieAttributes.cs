using System;
using System.Collections.Generic;

namespace KieGen.Requests;

/// <summary>Marks a generated request type with the Kie model it is for.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KieModelAttribute(string modelId) : Attribute
{
    /// <summary>The Kie model id.</summary>
    public string ModelId { get; } = modelId;
}

/// <summary>
/// Records a parameter's wire name and the schema constraints that a value known at compile time can violate,
/// so that tools (the KieGen analyzer) can check calls against catalog types compiled into another assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class KieParameterAttribute(string wireName) : Attribute
{
    /// <summary>The parameter's name on the wire, exactly as Kie spells it.</summary>
    public string WireName { get; } = wireName;

    /// <summary><c>minLength</c>, or -1.</summary>
    public long MinLength { get; init; } = -1;

    /// <summary><c>maxLength</c>, or -1.</summary>
    public long MaxLength { get; init; } = -1;

    /// <summary><c>minItems</c>, or -1.</summary>
    public long MinItems { get; init; } = -1;

    /// <summary><c>maxItems</c>, or -1.</summary>
    public long MaxItems { get; init; } = -1;

    /// <summary><c>minimum</c>, or NaN.</summary>
    public double Minimum { get; init; } = double.NaN;

    /// <summary><c>maximum</c>, or NaN.</summary>
    public double Maximum { get; init; } = double.NaN;

    /// <summary><c>exclusiveMinimum</c>, or NaN.</summary>
    public double ExclusiveMinimum { get; init; } = double.NaN;

    /// <summary><c>exclusiveMaximum</c>, or NaN.</summary>
    public double ExclusiveMaximum { get; init; } = double.NaN;

    /// <summary><c>multipleOf</c>, or NaN.</summary>
    public double MultipleOf { get; init; } = double.NaN;

    /// <summary>Whether the value must be an absolute URI (<c>format: uri</c>).</summary>
    public bool Uri { get; init; }

    /// <summary>Whether each item of the array must be an absolute URI.</summary>
    public bool ItemUri { get; init; }

    /// <summary>
    /// The limits the schema marks <c>x-kie-advisory</c>, one <c>keyword: reason</c> a line (<c>items.format</c> for
    /// the items' URI format), or null. A constant breaking one of these is a warning (KIE109), not an error.
    /// </summary>
    public string? Advisory { get; init; }
}

/// <summary>Records the wire value of a generated enum member.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class KieEnumValueAttribute(string wireValue) : Attribute
{
    /// <summary>The value on the wire, exactly as Kie spells it.</summary>
    public string WireValue { get; } = wireValue;
}

/// <summary>
/// Records a conditional requirement of a request type for the KIE1xx analyzer: when <see cref="Member"/> is set
/// (to <see cref="ValueJson"/>, when given), <see cref="Required"/> must be set and <see cref="Forbidden"/> must not.
/// From the schema's <c>dependentRequired</c> and <c>if</c>/<c>then</c> of the form "when P equals X".
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class KieConditionAttribute(string condition, string member, string? valueJson, string[] required, string[] forbidden) : Attribute
{
    /// <summary>The condition in words, as validation messages end ("when multi_shots is true").</summary>
    public string Condition { get; } = condition;

    /// <summary>The wire name of the member the condition tests.</summary>
    public string Member { get; } = member;

    /// <summary>The JSON value the member must have (<c>true</c>, <c>"4k"</c>); null when being present is enough.</summary>
    public string? ValueJson { get; } = valueJson;

    /// <summary>Wire names that must then be set.</summary>
    public IReadOnlyList<string> Required { get; } = required;

    /// <summary>Wire names that must then not be set.</summary>
    public IReadOnlyList<string> Forbidden { get; } = forbidden;
}
