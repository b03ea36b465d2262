using System.Collections.Generic;
using System.Linq;
using KieGen.Generator.Model;
using KieGen.Generator.Parsing;

namespace KieGen.Generator.Emit;

/// <summary>The request class and nested classes: model binding, Validate, WriteProperties and TryParse.</summary>
internal sealed partial class RequestEmitter
{
    private void EmitRequestClass(SchemaNode root)
    {
        var type = Text.Id(_model.TypeName);
        Summary(_model.Title.Length > 0 ? _model.Title : "A request for the Kie model " + _model.ModelId + ".");
        _w.Line("/// <remarks>");
        foreach (var line in Text.DocLines(_model.Description).Where(l => l.Length > 0))
        {
            _w.Line("/// <para>" + line + "</para>");
        }

        _w.Line("/// <para>Kie model <c>" + Text.DocInline(_model.ModelId) + "</c>, " + Keywords.Families.Word(_model.Family) + " family, result: " + Keywords.ResultKinds.Word(_model.ResultKind) + ".</para>")
          .Line("/// </remarks>")
          .Line(_generatedCode);
        EmitModelObsolete();
        _w.Line("[global::KieGen.Requests.KieModel(" + Text.Literal(_model.ModelId) + ")]");
        EmitConditionAttributes(_model.Input);
        // The base class gives the request its helpers (ToJsonBody, EnsureValid, ...) as members of its own.
        _w.Open("public sealed class " + type + " : global::KieGen.Requests.KieRequest<" + type + ">, global::KieGen.Requests.IKieRequest<" + type + ">" + CallInterface());

        // Named arguments, grouped: what the model is, where it is called, how its body is shaped.
        _w.Line("private static readonly global::KieGen.Requests.KieModelInfo s_model = new(")
          .Line("    modelId: " + Text.Literal(_model.ModelId) + ", family: " + RuntimeMember("KieApiFamily", _model.Family) +
                ", category: " + Text.Literal(_model.Category) + ", resultKind: " + RuntimeMember("KieResultKind", _model.ResultKind) + ",")
          .Line("    createPath: " + Text.Literal(_model.CreatePath) + ", statusPath: " + Text.Literal(_model.StatusPath) + ",")
          .Line("    bodyStyle: " + RuntimeMember("KieBodyStyle", _model.BodyStyle) + ", callbackField: " + Text.Literal(_model.CallbackField) +
                ", callbackRequired: " + (_model.CallbackRequired ? "true" : "false") + (_model.CallPath is null ? ");" : ","));
        if (_model.CallPath is { } call)
        {
            _w.Line("    callPath: " + Text.Literal(call) + ");");
        }

        _w.Line();
        Summary("The model this request type is bound to: id, family, endpoints and body shape.");
        _w.Line("public static global::KieGen.Requests.KieModelInfo KieModel => s_model;")
          .Line()
          .Line("/// <inheritdoc />")
          .Line("public override global::KieGen.Requests.KieModelInfo ModelInfo => s_model;")
          .Line();
        EmitParameterList(root);
        EmitCallMembers();

        EmitProperties(root);
        if (_model.TopLevel is { } topLevel)
        {
            EmitProperties(topLevel, requiredInCSharp: false);
        }

        EmitValidate(root, isRequest: true, "Checks every constraint of the model's schema; returns every finding (errors, and warnings for advisory limits with their reason), empty when the request is valid.");

        _w.Line("/// <inheritdoc />")
          .ExpressionMember("public override void WriteProperties(" + Writer + " writer)", JsonHelpers + ".Members(writer, this, " + _schema + ".Write" + N(root) + "Members)")
          .Line();
        EmitTopLevelMembers(type);

        Summary("Reads the parameters object from untrusted JSON and validates it against the model's schema.");
        _w.Line("/// <param name=\"json\">The parameters object (the Market <c>input</c>, or a special family's body).</param>")
          .Line("/// <param name=\"request\">The request, when <paramref name=\"json\"/> is valid.</param>")
          .Line("/// <param name=\"errors\">Every finding, with its parameter's wire name; on success only warnings (advisory limits, undeclared members).</param>")
          .Line("/// <returns><see langword=\"true\"/> when the JSON is a request for this model without errors.</returns>")
          .Line("public static bool TryParse(" + Element + " json, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + type + "? request, out global::System.Collections.Generic.IReadOnlyList<" + Error + "> errors) =>")
          .Line("    " + Read + ".Request(json, " + _schema + "." + ReadOf(root) + ", out request, out errors);")
          .Line();

        Summary("Reads the parameters object from untrusted UTF-8 JSON and validates it against the model's schema.");
        _w.Line("/// <param name=\"utf8Json\">The parameters object as UTF-8 bytes.</param>")
          .Line("/// <param name=\"request\">The request, when the JSON is valid.</param>")
          .Line("/// <param name=\"errors\">Every finding (or the JSON syntax error); on success only warnings.</param>")
          .Line("/// <returns><see langword=\"true\"/> when the bytes hold a valid request for this model.</returns>")
          .Line("public static bool TryParse(global::System.ReadOnlySpan<byte> utf8Json, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + type + "? request, out global::System.Collections.Generic.IReadOnlyList<" + Error + "> errors) =>")
          .Line("    " + Read + ".Request(utf8Json, " + _schema + "." + ReadOf(root) + ", out request, out errors);")
          .Line();

        SummaryXml("Starts a fluent builder whose <see cref=\"Builder.Build()\"/> returns a request without errors or throws listing every one.");
        _w.Line("public static Builder CreateBuilder() => new Builder();")
          .Line();
        EmitBuilder(root, type);
        EmitBranchBuilders(root, type);
        _w.Close();
        _w.Line();
    }

    private void EmitNestedClass(SchemaNode node)
    {
        Summary(node.Description.Length > 0 ? node.Description : "A structured value of a " + _model.ModelId + " request.");
        _w.Line(_generatedCode)
          .Open("public sealed class " + Text.Id(node.ClassName!));
        EmitProperties(node);
        EmitValidate(node, isRequest: false, "Checks every constraint of this value's schema; returns all violations.");
        _w.Close().Line();
    }

    private void EmitValidate(SchemaNode node, bool isRequest, string summary)
    {
        Summary(summary);
        var header = "public " + (isRequest ? "override " : "") + "global::System.Collections.Generic.IReadOnlyList<" + Error + "> Validate()";
        var checksSelf = HasCheckMethod(node);
        var checksTopLevel = node == _model.Input && _model.TopLevel is { } topLevel && TopLevelChecks(topLevel).Count > 0;
        if (!checksSelf && !checksTopLevel)
        {
            // Nothing about the value can be wrong: every instance the type allows is valid.
            _w.Line(header + " => global::System.Array.Empty<" + Error + ">();")
              .Line();
            return;
        }

        if (!checksTopLevel)
        {
            _w.Line(header + " => " + Check + ".Validate(this, " + _schema + ".Check" + N(node) + ");")
              .Line();
            return;
        }

        _w.Open(header)
          .Line("var errors = new " + Errors + "();");
        if (checksSelf)
        {
            _w.Line(_schema + ".Check" + N(node) + "(this, \"\", errors);");
        }

        _w.Line(_schema + ".CheckTopLevel(this, errors);")
          .Line("return errors;")
          .Close()
          .Line();
    }
}
