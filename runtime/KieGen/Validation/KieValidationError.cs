using System;

namespace KieGen.Validation;

/// <summary>
/// One finding against a model's schema: an <see cref="KieValidationSeverity.Error"/> (Kie rejects the request) or a
/// <see cref="KieValidationSeverity.Warning"/> (an advisory limit, with its <see cref="Reason"/>).
/// </summary>
public sealed class KieValidationError : IEquatable<KieValidationError>
{
    /// <summary>Creates a violation.</summary>
    /// <param name="path">Where it is, in wire names: <c>prompt</c>, <c>image_urls[2]</c>, <c>elements[0].name</c>.</param>
    /// <param name="keyword">The schema keyword that failed (<c>maxLength</c>, <c>required</c>, <c>type</c>, ...).</param>
    /// <param name="message">What is wrong, in words.</param>
    public KieValidationError(string path, string keyword, string message)
        : this(path, keyword, message, KieValidationSeverity.Error, null)
    {
    }

    /// <summary>Creates a finding with a severity and, for a warning, why the limit is only advisory.</summary>
    /// <param name="path">Where it is, in wire names.</param>
    /// <param name="keyword">The schema keyword that failed.</param>
    /// <param name="message">What is wrong, in words.</param>
    /// <param name="severity">Whether Kie rejects it (error) or only a documented limit is broken (warning).</param>
    /// <param name="reason">Why the limit is only advisory (the schema's <c>x-kie-advisory</c> text), or why a value is deprecated (its <c>x-enumDeprecated</c> reason); null for none.</param>
    public KieValidationError(string path, string keyword, string message, KieValidationSeverity severity, string? reason)
    {
        Path = path;
        Keyword = keyword;
        Message = message;
        Severity = severity;
        Reason = reason;
    }

    /// <summary>Where the violation is, in wire names (empty for the parameters object itself).</summary>
    public string Path { get; }

    /// <summary>The schema keyword that failed.</summary>
    public string Keyword { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <summary>Whether Kie rejects the request (<see cref="KieValidationSeverity.Error"/>) or it is only a warning.</summary>
    public KieValidationSeverity Severity { get; }

    /// <summary>
    /// For a warning: why the limit is only advisory (the schema's <c>x-kie-advisory</c> text), or why the value is
    /// deprecated (keyword <c>deprecated</c>: its <c>x-enumDeprecated</c> reason); null for an error.
    /// </summary>
    public string? Reason { get; }

    /// <summary>True for a <see cref="KieValidationSeverity.Error"/>: Kie would reject the request.</summary>
    public bool IsError => Severity == KieValidationSeverity.Error;

    /// <summary>The same finding as a warning with <paramref name="reason"/>.</summary>
    public KieValidationError AsWarning(string reason) => new(Path, Keyword, Message, KieValidationSeverity.Warning, reason);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = Path.Length == 0 ? Message : Path + ": " + Message;
        return Severity == KieValidationSeverity.Error ? text
            : "warning: " + text + (string.IsNullOrEmpty(Reason) ? "" : " (advisory: " + Reason + ")");
    }

    /// <inheritdoc />
    public bool Equals(KieValidationError? other) =>
        other is not null && Path == other.Path && Keyword == other.Keyword && Message == other.Message &&
        Severity == other.Severity && Reason == other.Reason;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KieValidationError);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Keyword, Message, Severity, Reason);
}
