using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>
/// <c>KieParameters</c>: each parameter's wire name, type, enum values and <c>x-kie-role</c>, so generic adapters
/// map a request onto the model without reflection.
/// </summary>
internal sealed partial class RequestEmitter
{
    private const string ParameterInfo = "global::KieGen.Requests.KieParameterInfo";
    private const string ParameterType = "global::KieGen.Requests.KieParameterType";

    private void EmitParameterList(SchemaNode root) =>
        EmitMemberList("KieParameters", root.Properties, "The parameters of the model in schema order: wire name, type, enum values and role (x-kie-role).");

    private void EmitMemberList(string name, EquatableArray<PropertySpec> properties, string summary)
    {
        Summary(summary);
        _w.Line("public static global::System.Collections.Generic.IReadOnlyList<" + ParameterInfo + "> " + name + " { get; } = new " + ParameterInfo + "[]")
          .Line("{");
        foreach (var property in properties)
        {
            var schema = property.Schema;
            var items = schema.Kind == NodeKind.Array ? schema.Items : null;
            var enumSource = items ?? schema;
            var values = "global::System.Array.Empty<string>()";
            if (enumSource.HasEnum)
            {
                var literals = new System.Collections.Generic.List<string>();
                foreach (var member in enumSource.Enum)
                {
                    literals.Add(Text.Literal(member.Display));
                }

                values = "new string[] { " + string.Join(", ", literals) + " }";
            }

            _w.Line("    new " + ParameterInfo + "(" + Text.Literal(property.WireName) + ", " + ParameterType + "." + KindName(schema.Kind) + ", " +
                    (property.Required ? "true" : "false") + ", " + (property.Role is null ? "null" : Text.Literal(property.Role)) + ", " +
                    (items is null ? "null" : ParameterType + "." + KindName(items.Kind)) + ", " + values + "),");
        }

        _w.Line("};")
          .Line();
    }

    private static string KindName(NodeKind kind) => kind switch
    {
        NodeKind.String => "String",
        NodeKind.Integer => "Integer",
        NodeKind.Number => "Number",
        NodeKind.Boolean => "Boolean",
        NodeKind.Array => "Array",
        NodeKind.Object => "Object",
        _ => "Json",
    };
}
