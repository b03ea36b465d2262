using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KieGen.Validation;

namespace KieGen.Requests;

/// <summary>
/// A request for one of Kie's synchronous endpoints (a schema file whose <c>endpoint</c> has <c>call</c>): posted to
/// <see cref="KieModelInfo.CallPath"/> with its parameters at the top level, and answered at once with the result in
/// Kie's <c>data</c>, no task to poll. Generated request types implement it; <c>KieClient.CallAsync</c> sends them.
/// </summary>
/// <typeparam name="TResult">
/// The typed result generated from the file's <c>output</c> schema, or <see cref="JsonElement"/> (Kie's <c>data</c> as
/// it came) when the file has none.
/// </typeparam>
public interface IKieCallRequest<TResult> : IKieRequest
{
    /// <summary>
    /// Reads Kie's <c>data</c> answer as the result and checks it against the output schema. Never throws.
    /// </summary>
    /// <param name="data">The <c>data</c> member of Kie's answer.</param>
    /// <param name="result">The result, when <paramref name="data"/> reads without errors.</param>
    /// <param name="errors">Every finding; on success only warnings (members the output schema does not declare).</param>
    /// <returns><see langword="true"/> when the data matches the output schema.</returns>
    bool TryReadResult(JsonElement data, [NotNullWhen(true)] out TResult? result, out IReadOnlyList<KieValidationError> errors);
}
