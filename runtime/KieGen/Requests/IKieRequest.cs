using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KieGen.Validation;

namespace KieGen.Requests;

/// <summary>A typed request for one Kie model. Implemented by generated request types.</summary>
public interface IKieRequest
{
    /// <summary>The model this request is for.</summary>
    KieModelInfo ModelInfo { get; }

    /// <summary>Checks every constraint of the model's schema and returns all violations (empty when valid).</summary>
    IReadOnlyList<KieValidationError> Validate();

    /// <summary>Writes the request's parameters as JSON properties into an object the caller has opened.</summary>
    void WriteProperties(Utf8JsonWriter writer);

    /// <summary>
    /// Writes the model's top-level body fields (declared in its schema's <c>topLevel</c>, beside <c>model</c>,
    /// the callback field and <c>input</c>) into the body object the caller has opened. Most models have none.
    /// </summary>
    void WriteTopLevelProperties(Utf8JsonWriter writer)
    {
    }
}

/// <summary>A typed request that also knows how to read itself from untrusted JSON.</summary>
/// <typeparam name="TSelf">The generated request type.</typeparam>
public interface IKieRequest<TSelf> : IKieRequest
    where TSelf : class, IKieRequest<TSelf>
{
    /// <summary>The model binding, available without an instance.</summary>
    static abstract KieModelInfo KieModel { get; }

    /// <summary>
    /// The model's parameters in schema order (wire name, type, enum values, <c>x-kie-role</c>). Generated types
    /// list them; hand-written ones may leave the default, an empty list.
    /// </summary>
    static virtual IReadOnlyList<KieParameterInfo> KieParameters => [];

    /// <summary>
    /// For a synchronous call (<see cref="KieModelInfo.IsSynchronous"/>), the members of its answer's <c>data</c> as
    /// the schema file's <c>output</c> declares them (wire name, type, enum values), in schema order; empty for a
    /// model that creates a task, or a call whose file declares no output.
    /// </summary>
    static virtual IReadOnlyList<KieParameterInfo> KieOutput => [];

    /// <summary>
    /// Reads the parameters object (Market: the <c>input</c> object; special families: the body) and validates it
    /// against the model's schema.
    /// </summary>
    static abstract bool TryParse(
        JsonElement json,
        [NotNullWhen(true)] out TSelf? request,
        out IReadOnlyList<KieValidationError> errors);

    /// <summary>
    /// Reads a whole create-task body (<c>{model, callBackUrl, input, ...top-level fields}</c>, or a special family's
    /// flat body) and validates it: the parameters, the model's top-level fields, and that nothing else is in it.
    /// Error paths are body paths (<c>input.prompt</c>). Succeeds when no finding is an error; warnings are returned.
    /// </summary>
    static virtual bool TryParseBody(
        JsonElement body,
        [NotNullWhen(true)] out TSelf? request,
        out IReadOnlyList<KieValidationError> errors)
    {
        var list = new List<KieValidationError>();
        var model = TSelf.KieModel;
        request = null;
        errors = list;
        if (!Support.KieBody.Parameters(body, model, [], list, out var parameters))
        {
            return false;
        }

        var ok = TSelf.TryParse(parameters, out var parsed, out var inner);
        foreach (var error in inner)
        {
            list.Add(new KieValidationError(Support.KieBody.ParameterPath(model, error.Path), error.Keyword, error.Message, error.Severity, error.Reason));
        }

        // Warnings (advisory limits, members Kie ignores) are returned beside the request; only errors fail.
        request = ok && !Support.KieCheck.HasErrors(list) ? parsed : null;
        return request is not null;
    }
}
