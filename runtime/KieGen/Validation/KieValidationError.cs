using System;

namespace KieGen.Validation;

/// <summary>One violation of a model's schema.</summary>
public sealed class KieValidationError : IEquatable<KieValidationError>
{
    /// <summary>Creates a violation.</summary>
    /// <param name="path">Where it is, in wire names: <c>prompt</c>, <c>image_urls[2]</c>, <c>elements[0].name</c>.</param>
    /// <param name="keyword">The schema keyword that failed (<c>maxLength</c>, <c>required</c>, <c>type</c>, ...).</param>
    /// <param name="message">What is wrong, in words.</param>
    public KieValidationError(string path, string keyword, string message)
    {
        Path = path;
        Keyword = keyword;
        Message = message;
    }

    /// <summary>Where the violation is, in wire names (empty for the parameters object itself).</summary>
    public string Path { get; }

    /// <summary>The schema keyword that failed.</summary>
    public string Keyword { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? Message : Path + ": " + Message;

    /// <inheritdoc />
    public bool Equals(KieValidationError? other) =>
        other is not null && Path == other.Path && Keyword == other.Keyword && Message == other.Message;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KieValidationError);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Keyword, Message);
}
