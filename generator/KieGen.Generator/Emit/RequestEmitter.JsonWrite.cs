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
            case NodeKind.Json:
                EmitWriteJson(node);
                return;
        }

        if (WritesInline(node))
        {
            return;
        }

        // A string enum: each member writes its wire text (members are declared from 0 in wire order).
        _w.Line("internal static void Write" + N(node) + "(" + Writer + " writer, " + type + " value) =>")
          .Line("    writer.WriteStringValue(global::KieGen.Generated.KieJson.EnumWire(" + N(node) + "Wire, (int)value, " + Text.Literal(type.Replace("global::", "")) + "));");
    }

    private void EmitWriteObject(SchemaNode node, string type)
    {
        var locals = Locals(node);
        _w.Open("internal static void Write" + N(node) + "Members" + "(" + Writer + " writer, " + type + " value)");
        for (var i = 0; i < node.Properties.Count; i++)
        {
            var property = node.Properties[i];
            var access = "value." + Text.Id(property.CSharpName);
            if (property.Required)
            {
                _w.Line("writer.WritePropertyName(" + N(property.Schema) + "Name);")
                  .Line(WriteCall(property.Schema, access));
            }
            else
            {
                _w.Open("if (" + access + " is { } " + locals[property] + ")")
                  .Line("writer.WritePropertyName(" + N(property.Schema) + "Name);")
                  .Line(WriteCall(property.Schema, locals[property]))
                  .Close();
            }
        }

        if (node.AdditionalAllowed)
        {
            _w.Open("if (value.AdditionalProperties is { } extra)")
              .Open("foreach (var pair in extra)")
              .Line("writer.WritePropertyName(pair.Key);")
              .Line("pair.Value.WriteTo(writer);")
              .Close()
              .Close();
        }

        _w.Close();
        if (node == _model.Input && !node.HasJsonRules && !node.HasEnum && node.ConstJson is null)
        {
            return; // the request writes its members into the body the client opened; nothing writes it whole
        }

        _w.Line()
          .Open("internal static void Write" + N(node) + "(" + Writer + " writer, " + type + " value)")
          .Line("writer.WriteStartObject();")
          .Line("Write" + N(node) + "Members" + "(writer, value);")
          .Line("writer.WriteEndObject();")
          .Close();
    }

    private void EmitWriteArray(SchemaNode node, string type)
    {
        var items = node.Items!;
        _w.Open("internal static void Write" + N(node) + "(" + Writer + " writer, " + type + " value)")
          .Line("writer.WriteStartArray();")
          .Line("foreach (var item in value) " + WriteCall(items, "item"))
          .Line("writer.WriteEndArray();")
          .Close();
    }

    private void EmitWriteJson(SchemaNode node)
    {
        _w.Open("internal static void Write" + N(node) + "(" + Writer + " writer, " + Element + " value)")
          .Line("value.WriteTo(writer);")
          .Close();
    }
}
