using System.Collections.Generic;
using System.Text.Json;
using KieGen.Validation;

namespace KieGen.Requests;

/// <summary>
/// The base class of every generated request type: the request's helpers (<see cref="ToJsonBody"/>,
/// <see cref="EnsureValid()"/>, ...) are its own members, so they need no <c>using KieGen.Requests;</c>.
/// They share one implementation with <see cref="KieRequestExtensions"/>, which serves hand-written
/// <see cref="IKieRequest"/> types and generic code.
/// </summary>
/// <typeparam name="TSelf">The request type itself, so that <see cref="EnsureValid()"/> returns it for chaining.</typeparam>
public abstract class KieRequest<TSelf> : IKieRequest
    where TSelf : KieRequest<TSelf>, IKieRequest<TSelf>
{
    /// <inheritdoc />
    public abstract KieModelInfo ModelInfo { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<KieValidationError> Validate();

    /// <inheritdoc />
    public abstract void WriteProperties(Utf8JsonWriter writer);

    /// <inheritdoc />
    public virtual void WriteTopLevelProperties(Utf8JsonWriter writer)
    {
    }

    /// <summary>Serializes the create-task body (or a synchronous call's body) to UTF-8 JSON.</summary>
    /// <param name="callbackUrl">Where Kie posts the result; none for a synchronous call.</param>
    /// <exception cref="System.ArgumentException"><paramref name="callbackUrl"/> is given for a synchronous call, which takes none.</exception>
    public byte[] ToJsonBody(string? callbackUrl = null) => KieRequestExtensions.ToJsonBody(this, callbackUrl);

    /// <summary>Serializes only the parameters object (the Market <c>input</c>) to UTF-8 JSON.</summary>
    public byte[] ToJsonParameters() => KieRequestExtensions.ToJsonParameters(this);

    /// <summary>Writes the complete body in the family's shape (see <see cref="KieRequestExtensions.WriteBody"/>).</summary>
    /// <param name="writer">The writer the body object is written to.</param>
    /// <param name="callbackUrl">Where Kie posts the result; none for a synchronous call.</param>
    /// <exception cref="System.ArgumentException"><paramref name="callbackUrl"/> is given for a synchronous call, which takes none.</exception>
    public void WriteBody(Utf8JsonWriter writer, string? callbackUrl = null) => KieRequestExtensions.WriteBody(this, writer, callbackUrl);

    /// <summary>
    /// Throws <see cref="KieValidationException"/> listing every error when the request is invalid; warnings (limits
    /// the schema marks advisory) do not throw. Returns the request, for chaining.
    /// </summary>
    public TSelf EnsureValid() => EnsureValid(strict: false);

    /// <summary>
    /// Throws <see cref="KieValidationException"/> when the request has errors or, with <paramref name="strict"/>, any
    /// finding at all (advisory limits included). Returns the request, for chaining.
    /// </summary>
    /// <param name="strict">Whether warnings block too.</param>
    public TSelf EnsureValid(bool strict)
    {
        KieRequestExtensions.EnsureValid<IKieRequest>(this, strict);
        return (TSelf)this;
    }

    /// <summary>
    /// Every finding of <see cref="Validate()"/>, or with <paramref name="strict"/> the same findings with every
    /// warning reported as an error.
    /// </summary>
    /// <param name="strict">Whether warnings are reported as errors.</param>
    public IReadOnlyList<KieValidationError> Validate(bool strict) => KieRequestExtensions.Validate<IKieRequest>(this, strict);
}
