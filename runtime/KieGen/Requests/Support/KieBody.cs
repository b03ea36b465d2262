using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Text.Json;
using KieGen.Validation;

namespace KieGen.Requests.Support;

/// <summary>Reads a whole create-task body (not just its parameters). Called by generated code; not meant for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KieBody
{
    /// <summary>
    /// Checks the body's own members and returns its parameters object: the <c>input</c> object of an input-style
    /// body, or the body without its callback field for a flat one. <c>model</c> must name this model, the callback
    /// field must be a string, and any member that is neither one of those, <c>input</c>, nor a declared top-level
    /// field (read by the caller) is reported, so that nothing in the body is silently dropped. A synchronous call's
    /// body is its parameters object.
    /// </summary>
    /// <returns><see langword="false"/> when there is no parameters object to read.</returns>
    public static bool Parameters(JsonElement body, KieModelInfo model, string[] topLevelFields, List<KieValidationError> errors, out JsonElement parameters)
    {
        parameters = default;
        if (!KieRead.Object(body, "", errors))
        {
            return false;
        }

        if (model.IsSynchronous)
        {
            parameters = body; // a synchronous call's body is its parameters: no model, no callback field
            return true;
        }

        if (body.TryGetProperty(model.CallbackField, out var callback) && callback.ValueKind != JsonValueKind.String)
        {
            KieRead.TypeMismatch(errors, model.CallbackField, "a string", callback);
        }

        if (model.BodyStyle == KieBodyStyle.Flat)
        {
            parameters = Without(body, model.CallbackField);
            return true;
        }

        var hasModel = false;
        var hasInput = false;
        foreach (var member in body.EnumerateObject())
        {
            if (member.NameEquals("model"))
            {
                hasModel = true;
                if (member.Value.ValueKind != JsonValueKind.String || member.Value.GetString() != model.ModelId)
                {
                    errors.Add(new KieValidationError("model", "const", $"must be \"{model.ModelId}\" (was {member.Value.GetRawText()})"));
                }
            }
            else if (member.NameEquals("input"))
            {
                hasInput = true;
                if (KieRead.Object(member.Value, "input", errors))
                {
                    parameters = member.Value;
                }
            }
            else if (member.Name != model.CallbackField && !topLevelFields.Contains(member.Name))
            {
                KieCheck.NotAllowed(errors, member.Name);
            }
        }

        KieCheck.Required(errors, "model", hasModel);
        KieCheck.Required(errors, "input", hasInput);
        return parameters.ValueKind == JsonValueKind.Object;
    }

    /// <summary>The path of a parameters error inside the body: under <c>input</c> for an input-style body.</summary>
    public static string ParameterPath(KieModelInfo model, string path) =>
        model.BodyStyle == KieBodyStyle.Flat ? path : path.Length == 0 ? "input" : "input." + path;

    private static JsonElement Without(JsonElement body, string name)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in body.EnumerateObject().Where(m => m.Name != name))
            {
                member.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
