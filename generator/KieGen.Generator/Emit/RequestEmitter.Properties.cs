using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>Properties with their documentation, and the [KieParameter] attribute that records each one's constraints.</summary>
internal sealed partial class RequestEmitter
{
    /// <param name="node">The object whose properties to declare.</param>
    /// <param name="requiredInCSharp">False for top-level fields: TryParse reads only the parameters, so a
    /// required top-level field is checked by Validate() rather than by the C# <c>required</c> modifier.</param>
    private void EmitProperties(SchemaNode node, bool requiredInCSharp = true)
    {
        foreach (var property in node.Properties)
        {
            var schema = property.Schema;
            if (schema.Description.Length > 0)
            {
                Summary(schema.Description);
            }
            else
            {
                SummaryXml("The <c>" + Text.DocInline(property.WireName) + "</c> parameter.");
            }

            var facts = Facts(property).ToList();
            if (facts.Count == 1)
            {
                _w.Line("/// <remarks>" + facts[0] + "</remarks>");
            }
            else
            {
                _w.Line("/// <remarks>");
                foreach (var fact in facts)
                {
                    _w.Line("/// <para>" + fact + "</para>");
                }

                _w.Line("/// </remarks>");
            }
            _w.Line(ParameterAttribute(property));
            if (!(property.Required && requiredInCSharp))
            {
                Obsolete(property); // a required member cannot be obsolete (CS9042); its remarks say it is deprecated
            }

            _w.Line("public " + (property.Required && requiredInCSharp ? "required " + TypeOf(schema) : NullableType(schema)) + " " + Text.Id(property.CSharpName) + " { get; init; }")
              .Line();
        }

        if (node.AdditionalAllowed)
        {
            Summary(node.AdditionalSchema is null
                ? "Parameters the schema does not declare, written to the wire as given (for parameters Kie added later)."
                : "Parameters the schema does not declare; each must satisfy the schema's <c>additionalProperties</c>.");
            _w.Line("public " + Dictionary + "? AdditionalProperties { get; init; }")
              .Line();
        }
    }

    private static IEnumerable<string> Facts(PropertySpec property)
    {
        var s = property.Schema;
        yield return "Wire name <c>" + Text.DocInline(property.WireName) + "</c>; " + (property.Required ? "required." : "optional.");
        if (s.Deprecated)
        {
            yield return "Deprecated by Kie.";
        }

        if (s.HasEnum)
        {
            yield return "Allowed values: " + string.Join(", ", s.Enum.Take(MaxListedValues).Select(e => "<c>" + Text.DocInline(e.Display) + "</c>")) +
                         (s.Enum.Count > MaxListedValues ? ", … (" + s.Enum.Count + " values in all; see the schema file)." : ".");
        }

        if (s.ConstJson is not null)
        {
            yield return "Must be <c>" + Text.DocInline(s.ConstJson) + "</c>.";
        }

        if (s.MinLength is not null || s.MaxLength is not null)
        {
            yield return "Length: " + Bounds(s.MinLength, s.MaxLength) + " characters.";
        }

        if (s.Minimum is not null || s.Maximum is not null)
        {
            yield return "Range: " + (s.Minimum is { } lo ? Text.Number(lo) : "…") + " to " + (s.Maximum is { } hi ? Text.Number(hi) : "…") + ".";
        }

        if (s.ExclusiveMinimum is { } xlo)
        {
            yield return "Greater than " + Text.Number(xlo) + ".";
        }

        if (s.ExclusiveMaximum is { } xhi)
        {
            yield return "Less than " + Text.Number(xhi) + ".";
        }

        if (s.MultipleOf is { } step)
        {
            yield return "Multiple of " + Text.Number(step) + ".";
        }

        if (s.MinItems is not null || s.MaxItems is not null)
        {
            yield return "Items: " + Bounds(s.MinItems, s.MaxItems) + (s.UniqueItems ? ", unique." : ".");
        }

        if (s.Pattern is not null)
        {
            yield return "Pattern: <c>" + Text.DocInline(s.Pattern) + "</c>.";
        }

        if (s.UriFormat)
        {
            yield return "An absolute URL.";
        }

        if (s.DefaultJson is not null)
        {
            yield return "Kie's default: <c>" + Text.DocInline(s.DefaultJson) + "</c>.";
        }
    }

    private static string Bounds(long? min, long? max) =>
        min is { } lo && max is { } hi ? lo + " to " + hi : min is { } l ? "at least " + l : "at most " + max;

    private static string ParameterConstraints(SchemaNode s)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + " = " + value);
            }
        }

        Add("MinLength", s.MinLength is { } a ? Text.Long(a) : null);
        Add("MaxLength", s.MaxLength is { } b ? Text.Long(b) : null);
        Add("MinItems", s.MinItems is { } c ? Text.Long(c) : null);
        Add("MaxItems", s.MaxItems is { } d ? Text.Long(d) : null);
        Add("Minimum", s.Minimum is { } e ? Text.Double((double)e) : null);
        Add("Maximum", s.Maximum is { } f ? Text.Double((double)f) : null);
        Add("ExclusiveMinimum", s.ExclusiveMinimum is { } g ? Text.Double((double)g) : null);
        Add("ExclusiveMaximum", s.ExclusiveMaximum is { } h ? Text.Double((double)h) : null);
        Add("MultipleOf", s.MultipleOf is { } i ? Text.Double(i) : null);
        Add("Uri", s.UriFormat ? "true" : null);
        Add("ItemUri", s.Kind == NodeKind.Array && s.Items is { Kind: NodeKind.String, UriFormat: true } ? "true" : null);
        Add("Advisory", AdvisoryAttributeText(s));
        return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
    }

    /// <summary>The attribute that records a parameter's constraints for tools (the KIE1xx analyzer reads it).</summary>
    private static string ParameterAttribute(PropertySpec property) =>
        "[global::KieGen.Requests.KieParameter(" + Text.Literal(property.WireName) + ParameterConstraints(property.Schema) + ")]";

    private void Obsolete(PropertySpec property)
    {
        if (property.Schema.Deprecated)
        {
            _w.Line("[global::System.Obsolete(" + Text.Literal("Kie marks '" + property.WireName + "' as deprecated.") + ")]");
        }
    }
}
