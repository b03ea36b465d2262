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
}

/// <summary>A typed request that also knows how to read itself from untrusted JSON.</summary>
/// <typeparam name="TSelf">The generated request type.</typeparam>
public interface IKieRequest<TSelf> : IKieRequest
    where TSelf : class, IKieRequest<TSelf>
{
    /// <summary>The model binding, available without an instance.</summary>
    static abstract KieModelInfo KieModel { get; }

    /// <summary>
    /// Reads the parameters object (Market: the <c>input</c> object; special families: the body) and validates it
    /// against the model's schema.
    /// </summary>
    static abstract bool TryParse(
        JsonElement json,
        [NotNullWhen(true)] out TSelf? request,
        out IReadOnlyList<KieValidationError> errors);
}
