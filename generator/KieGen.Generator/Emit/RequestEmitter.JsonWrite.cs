using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>Write methods: typed values to a Utf8JsonWriter with each wire name kept exactly.</summary>
internal sealed partial class RequestEmitter
{
    private void EmitWrite(SchemaNode node, string type)
    {
        switch (node.Kind)
        {
            case NodeKind.Object:
                EmitWriteObject(node, type);
                return;
            case NodeKind.Array:
                EmitWriteArray(node, type);
                return;
        }

        if (WritesInline(node))
        {
            return;
        }

        // A string enum: each member writes its wire text (members are declared from 0 in wire order).
        _w.ExpressionMember("internal static void Write" + N(node) + "(" + Writer + " writer, " + type + " value)",
              "writer.WriteStringValue(" + JsonHelpers + ".EnumWire(" + N(node) + "Wire, (int)value, " + Text.Literal(type.Replace("global::", "")) + "))")
          .Line();
    }

    /// <summary>
    /// The request writes its members into the body the client opened (<c>Write…Members</c>), and a whole object
    /// only where a check needs its JSON; a nested object is written whole, braces and members in one method.
    /// </summary>
    private void EmitWriteObject(SchemaNode node, string type)
    {
        var isRequest = node == _model.Input;
        var body = new MethodBody();
        if (!isRequest)
        {
            body.Expression("writer.WriteStartObject()");
        }

        var locals = Locals(node);
        foreach (var property in node.Properties)
        {
            var access = "value." + Text.Id(property.CSharpName);
            if (property.Required)
            {
                body.Expression("writer.WritePropertyName(" + N(property.Schema) + "Name)")
                    .Statement(WriteCall(property.Schema, access));
            }
            else
            {
                body.Open("if (" + access + " is { } " + locals[property] + ")")
                    .Statement("writer.WritePropertyName(" + N(property.Schema) + "Name);")
                    .Statement(WriteCall(property.Schema, locals[property]))
                    .Close();
            }
        }

        if (node.AdditionalAllowed)
        {
            body.Open("if (value.AdditionalProperties is { } extra)")
                .Open("foreach (var pair in extra)")
                .Statement("writer.WritePropertyName(pair.Key);")
                .Statement("pair.Value.WriteTo(writer);")
                .Close()
                .Close();
        }

        if (!isRequest)
        {
            body.Expression("writer.WriteEndObject()");
        }

        body.Write(_w, "internal static void Write" + N(node) + (isRequest ? "Members" : "") + "(" + Writer + " writer, " + type + " value)");
        _w.Line();
        if (isRequest && _written.Contains(node.Id))
        {
            _w.Open("internal static void Write" + N(node) + "(" + Writer + " writer, " + type + " value)")
              .Line("writer.WriteStartObject();")
              .Line("Write" + N(node) + "Members(writer, value);")
              .Line("writer.WriteEndObject();")
              .Close()
              .Line();
        }
    }

    private void EmitWriteArray(SchemaNode node, string type)
    {
        _w.Open("internal static void Write" + N(node) + "(" + Writer + " writer, " + type + " value)")
          .Line("writer.WriteStartArray();")
          .Line("foreach (var item in value) " + WriteCall(node.Items!, "item"))
          .Line("writer.WriteEndArray();")
          .Close()
          .Line();
    }
}
