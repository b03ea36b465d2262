using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>The fluent builder nested in each request class.</summary>
internal sealed partial class RequestEmitter
{
    private void EmitBuilder(SchemaNode root, string type)
    {
        SummaryXml("A fluent builder for <see cref=\"" + type + "\"/> that validates on <see cref=\"Build()\"/>.");
        var fields = BuilderFields(BuilderProperties(root));
        _w.Line(_generatedCode)
          .Open("public sealed class Builder");
        var builderProperties = BuilderProperties(root);
        foreach (var property in builderProperties)
        {
            _w.Line("private " + NullableType(property.Schema) + " " + fields[property] + ";");
        }

        if (root.AdditionalAllowed)
        {
            _w.Line("private global::System.Collections.Generic.Dictionary<string, " + Element + ">? _additionalProperties;");
        }

        _w.Line();
        foreach (var property in builderProperties)
        {
            var parameter = Text.Id(Camel(property.CSharpName));
            SummaryXml("Sets <c>" + Text.DocInline(property.WireName) + "</c>. " + Text.DocInline(property.Schema.Description));
            Obsolete(property);
            if (property.Schema.Kind == NodeKind.Array)
            {
                var item = TypeOf(property.Schema.Items!);
                _w.Line("public Builder With" + property.CSharpName + "(" + ParameterAttribute(property) + " params " + item + "[] " + parameter + ")")
                  .Line("{")
                  .Line("    " + fields[property] + " = (" + item + "[])" + parameter + ".Clone();")
                  .Line("    return this;")
                  .Line("}")
                  .Line();
                SummaryXml("Sets <c>" + Text.DocInline(property.WireName) + "</c> from a sequence.");
                Obsolete(property);
                _w.Line("public Builder With" + property.CSharpName + "(" + ParameterAttribute(property) + " global::System.Collections.Generic.IEnumerable<" + item + "> " + parameter + ")")
                  .Line("{")
                  .Line("    " + fields[property] + " = global::System.Linq.Enumerable.ToArray(" + parameter + ");")
                  .Line("    return this;")
                  .Line("}")
                  .Line();
            }
            else
            {
                _w.Line("public Builder With" + property.CSharpName + "(" + ParameterAttribute(property) + " " + TypeOf(property.Schema) + " " + parameter + ")")
                  .Line("{")
                  .Line("    " + fields[property] + " = " + parameter + ";")
                  .Line("    return this;")
                  .Line("}")
                  .Line();
            }

        }

        if (root.AdditionalAllowed)
        {
            Summary("Adds a parameter the schema does not declare (for a parameter Kie added after this schema was written).");
            _w.Open("public Builder WithAdditionalProperty(string name, " + Element + " value)")
              .Line("(_additionalProperties ??= new global::System.Collections.Generic.Dictionary<string, " + Element + ">(global::System.StringComparer.Ordinal))[name] = value.Clone();")
              .Line("return this;")
              .Close()
              .Line();
        }

        SummaryXml("Returns the request when it has no errors; warnings (limits the schema marks advisory) do not stop it, and <c>Validate()</c> lists them.");
        _w.Line("/// <exception cref=\"global::KieGen.Validation.KieValidationException\">The request has errors (Kie would reject it); the exception lists every one.</exception>")
          .Line("public " + type + " Build() => Build(strict: false);")
          .Line();
        SummaryXml("Returns the request when it has no errors or, with <paramref name=\"strict\"/>, no findings at all (every documented limit enforced).");
        _w.Line("/// <param name=\"strict\">Treat warnings (limits the schema marks advisory) as errors.</param>")
          .Line("/// <exception cref=\"global::KieGen.Validation.KieValidationException\">The request has errors, or any finding when strict; the exception lists them.</exception>")
          .Open("public " + type + " Build(bool strict)")
          .Line("var missing = new " + Errors + "();");
        foreach (var property in builderProperties.Where(p => p.Required && IsValueType(p.Schema)))
        {
            _w.Line("if (" + fields[property] + " is null) " + Check + ".Required(missing, " + Text.Literal(property.WireName) + ", false);");
        }

        _w.Open("var request = new " + type);
        foreach (var property in builderProperties)
        {
            var value = !property.Required ? fields[property]
                : IsValueType(property.Schema) ? fields[property] + ".GetValueOrDefault()"
                : fields[property] + "!";
            _w.Line(Text.Id(property.CSharpName) + " = " + value + ",");
        }

        if (root.AdditionalAllowed)
        {
            _w.Line("AdditionalProperties = _additionalProperties is null ? null : new global::System.Collections.Generic.Dictionary<string, " + Element + ">(_additionalProperties, global::System.StringComparer.Ordinal),");
        }

        _w.Close(";")
          .Line("return " + Check + ".Built(request, missing, request.Validate(), s_model.ModelId, strict);")
          .Close()
          .Close()
          .Line();
    }

    /// <summary>Builder fields: <c>_</c> plus the camel-cased property name, unique even for <c>Foo</c> beside <c>foo</c>.</summary>
    private static Dictionary<PropertySpec, string> BuilderFields(IReadOnlyList<PropertySpec> properties)
    {
        var names = Parsing.CSharpNames.Unique(
            properties.Select(p => "_" + Camel(p.CSharpName)),
            new HashSet<string>(System.StringComparer.Ordinal) { "_additionalProperties" });
        var fields = new Dictionary<PropertySpec, string>();
        for (var i = 0; i < properties.Count; i++)
        {
            fields[properties[i]] = names[i];
        }

        return fields;
    }
}
