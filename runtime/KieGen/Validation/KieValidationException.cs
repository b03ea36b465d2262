using System;
using System.Collections.Generic;
using System.Text;

namespace KieGen.Validation;

/// <summary>Thrown when a request does not satisfy its model's schema. Lists every violation at once.</summary>
public sealed class KieValidationException : Exception
{
    /// <summary>Creates the exception for a model and its violations.</summary>
    public KieValidationException(string modelId, IReadOnlyList<KieValidationError> errors)
        : base(Describe(modelId, errors))
    {
        ModelId = modelId;
        Errors = errors;
    }

    /// <summary>The model whose schema was violated.</summary>
    public string ModelId { get; }

    /// <summary>Every violation, in parameter order.</summary>
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
