using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>The file-local helper class: per-node name and value fields, and per-node read, check and write methods.</summary>
internal sealed partial class RequestEmitter
{
    private void EmitSchemaClass()
    {
        _w.Line("/// <summary>Read, check and write helpers for each schema node of this model.</summary>")
          .Line(_generatedCode)
          .Open("file static class " + _schema);
        // Fields first, then the methods of each node in schema order.
        foreach (var node in AllNodes())
        {
            EmitFields(node);
        }

        EmitTopLevelFields();
        _w.Line();
        foreach (var node in AllNodes())
        {
            EmitNode(node);
            EmitCompose(node);
        }

        EmitTopLevelSchema();
        _w.Close();
    }

    private void EmitFields(SchemaNode node)
    {
        if (node.Kind == NodeKind.Object)
        {
            for (var i = 0; i < node.Properties.Count; i++)
            {
                _w.Line("internal static readonly " + Encoded + " " + N(node.Properties[i].Schema) + "Name = " + Encoded + ".Encode(" + Text.Literal(node.Properties[i].WireName) + ");");
            }
        }

        if (node.Kind == NodeKind.Object && RequiredOnRead(node).Any())
        {
            _w.Line("internal static readonly string[] " + N(node) + "Required = new string[] { " + string.Join(", ", RequiredOnRead(node).Select(Text.Literal)) + " };");
        }

        EmitAdvisoryFields(node);

        if (node.IsCSharpEnum && node.Kind == NodeKind.String)
        {
            // The wire text of each member, in declaration order, encoded once.
            _w.Line("internal static readonly " + Encoded + "[] " + N(node) + "Wire =")
              .Line("{");
            foreach (var member in node.Enum)
            {
                _w.Line("    " + Encoded + ".Encode(" + Text.Literal(member.Display) + "),");
            }

            _w.Line("};");
        }

        if (node.Pattern is not null)
        {
            _w.Line("internal static readonly global::System.Text.RegularExpressions.Regex " + N(node) + "Pattern = new global::System.Text.RegularExpressions.Regex(" +
                    Text.Literal(node.Pattern) + ", global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));");
        }

        if (node.HasEnum && !node.IsCSharpEnum)
        {
            var (type, items) = node.Kind switch
            {
                NodeKind.String => ("string", node.Enum.Select(e => Text.Literal(e.Display))),
                NodeKind.Integer => ("long", node.Enum.Select(e => Json.JsonNumbers.TryToInt64(e.Json, out var l) ? Text.Long(l) : "0L")),
                NodeKind.Number => ("double", node.Enum.Select(e => Text.Double(Json.JsonNumbers.ToDouble(e.Json)))),
                NodeKind.Boolean => ("bool", node.Enum.Select(e => e.Json)),
                _ => (Element, node.Enum.Select(e => JsonHelpers + ".Literal(" + Text.Literal(e.Json) + ")")),
            };
            var values = items.ToList();
            if (values.Count <= 16)
            {
                _w.Line("internal static readonly " + type + "[] " + N(node) + "Allowed = new " + type + "[] { " + string.Join(", ", values) + " };");
            }
            else
            {
                // A long set (a large enum kept as a plain value): eight values a line keeps the file readable.
                _w.Line("internal static readonly " + type + "[] " + N(node) + "Allowed = new " + type + "[]").Line("{");
                for (var i = 0; i < values.Count; i += 8)
                {
                    _w.Line("    " + string.Join(", ", values.Skip(i).Take(8)) + ",");
                }

                _w.Line("};");
            }
        }

        if (node.ConstJson is not null && !IsScalarConst(node))
        {
            _w.Line("internal static readonly " + Element + " " + N(node) + "Const = " + JsonHelpers + ".Literal(" + Text.Literal(node.ConstJson) + ");");
        }

        if (node.JsonTypes.Count > 0)
        {
            _w.Line("internal static readonly string[] " + N(node) + "Types = new string[] { " + string.Join(", ", node.JsonTypes.Select(Text.Literal)) + " };");
        }
    }

    private void EmitNode(SchemaNode node)
    {
        if (IsPlain(node))
        {
            return; // read by the runtime's typed readers, written inline, nothing to check
        }

        var type = TypeOf(node);
        EmitRead(node, type);
        if (HasCheckMethod(node))
        {
            EmitCheck(node, type);
        }

        if (node == _model.Input || _written.Contains(node.Id))
        {
            EmitWrite(node, type);
        }
    }
}
