using System.Linq;
using KieGen.Generator.Model;

namespace KieGen.Generator.Emit;

/// <summary>
/// Emission for a synchronous call (<c>endpoint.call</c>): the request implements <c>IKieCallRequest&lt;TResult&gt;</c>,
/// reads Kie's <c>data</c> answer, and lists its members; the result class comes from the file's <c>output</c>.
/// </summary>
internal sealed partial class RequestEmitter
{
    /// <summary>The result type of a call: the generated class, or the raw <c>data</c> without an <c>output</c>.</summary>
    private string ResultType => _model.Output is { } output ? TypeOf(output) : Element;

    private string CallInterface() => _model.CallPath is null ? "" : ", global::KieGen.Requests.IKieCallRequest<" + ResultType + ">";

    private void EmitCallMembers()
    {
        if (_model.CallPath is null)
        {
            return;
        }

        _w.Line("/// <inheritdoc />");
        if (_model.Output is { } output)
        {
            _w.Line("public bool TryReadResult(" + Element + " data, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + ResultType + "? result, out global::System.Collections.Generic.IReadOnlyList<" + Error + "> errors) =>")
              .Line("    " + ResultType + ".TryParse(data, out result, out errors);")
              .Line();
            EmitMemberList("KieOutput", output.Properties, "The members of the call's answer (Kie's data) in schema order: wire name, type and enum values.");
            return;
        }

        // Without an output schema the result is Kie's data as it came: nothing to check, nothing to fail.
        _w.Open("public bool TryReadResult(" + Element + " data, out " + Element + " result, out global::System.Collections.Generic.IReadOnlyList<" + Error + "> errors)")
          .Line("result = data.ValueKind == global::System.Text.Json.JsonValueKind.Undefined ? data : data.Clone();")
          .Line("errors = global::System.Array.Empty<" + Error + ">();")
          .Line("return true;")
          .Close()
          .Line();
    }

    /// <summary>The result class of a call with an <c>output</c>: its members, Validate, and TryParse of Kie's data.</summary>
    private void EmitResultClass()
    {
        if (_model.Output is not { } output)
        {
            return;
        }

        var type = Text.Id(output.ClassName!);
        Summary(output.Description.Length > 0 ? output.Description : "The answer of the Kie call " + _model.ModelId + ": its data, read as the schema's output.");
        _w.Line("/// <remarks>Returned by <c>KieClient.CallAsync</c> for <see cref=\"" + Text.Id(_model.TypeName) + "\"/>.</remarks>")
          .Line(_generatedCode)
          .Open("public sealed class " + type);
        EmitProperties(output);
        EmitValidate(output, isRequest: false, "Checks every constraint of the output schema; returns all violations.");
        Summary("Reads Kie's data answer from untrusted JSON and checks it against the output schema.");
        _w.Line("/// <param name=\"json\">The <c>data</c> member of Kie's answer.</param>")
          .Line("/// <param name=\"result\">The result, when <paramref name=\"json\"/> matches the output schema.</param>")
          .Line("/// <param name=\"errors\">Every finding; on success only warnings (members the schema does not declare).</param>")
          .Line("/// <returns><see langword=\"true\"/> when the JSON reads without errors.</returns>")
          .Line("public static bool TryParse(" + Element + " json, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + type + "? result, out global::System.Collections.Generic.IReadOnlyList<" + Error + "> errors) =>")
          .Line("    " + Read + ".Request(json, " + _schema + "." + ReadOf(output) + ", out result, out errors);")
          .Close()
          .Line();
    }
}
