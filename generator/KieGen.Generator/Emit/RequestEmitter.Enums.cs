using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>String and integer enumerations emitted as C# enums.</summary>
internal sealed partial class RequestEmitter
{
    private void EmitEnum(SchemaNode node)
    {
        var isInteger = node.Kind == NodeKind.Integer;
        Summary(node.Description.Length > 0 ? node.Description : "Allowed values of a " + _model.ModelId + " parameter.");
        _w.Line(_generatedCode)
          .Open("public enum " + Text.Id(node.EnumTypeName!) + (isInteger ? " : long" : ""));
        foreach (var member in node.Enum)
        {
            SummaryXml("<c>" + Text.DocInline(member.Display) + "</c>");
            _w.Line("[global::KieGen.Requests.KieEnumValue(" + Text.Literal(member.Display) + ")]")
              .Line(Text.Id(member.CSharpName) + (isInteger ? " = " + member.Json : "") + ",");
        }

        _w.Close().Line();
    }
}
