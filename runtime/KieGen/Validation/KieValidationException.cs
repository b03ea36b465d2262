using System;
using System.Collections.Generic;
using System.Text;

namespace KieGen.Validation;

/// <summary>
/// Thrown when a request has errors (Kie would reject it), or under strict validation any finding. Lists every one at
/// once; warnings that did not stop the request are not in it (<c>Validate()</c> lists those).
/// </summary>
public sealed class KieValidationException : Exception
{
    /// <summary>Creates the exception for a model and the findings that stopped the request.</summary>
    public KieValidationException(string modelId, IReadOnlyList<KieValidationError> errors)
        : base(Describe(modelId, errors))
    {
        ModelId = modelId;
        Errors = errors;
    }

    /// <summary>The model whose schema was violated.</summary>
    public string ModelId { get; }

    /// <summary>
    /// The findings that stopped the request, in parameter order: its errors, and under strict validation its warnings
    /// (<see cref="KieValidationError.Severity"/> tells them apart).
    /// </summary>
    public IReadOnlyList<KieValidationError> Errors { get; }

    private static string Describe(string modelId, IReadOnlyList<KieValidationError> errors)
    {
        var text = new StringBuilder();
        text.Append("Invalid request for Kie model '").Append(modelId).Append("': ")
            .Append(errors.Count).Append(errors.Count == 1 ? " problem" : " problems");
        foreach (var error in errors)
        {
            text.Append(Environment.NewLine).Append(" - ").Append(error);
        }

        return text.ToString();
    }
}
