using System;

namespace KieGen.Import;

/// <summary>A document the importer cannot convert without losing something; <see cref="Pointer"/> says where.</summary>
public sealed class KieImportException : Exception
{
    /// <summary>Creates the error.</summary>
    public KieImportException(string pointer, string problem)
        : base($"{(pointer.Length == 0 ? "(document root)" : pointer)}: {problem}")
    {
        Pointer = pointer;
        Problem = problem;
    }

    /// <summary>The JSON pointer of the offending value in the source document ("" for the root).</summary>
    public string Pointer { get; }

    /// <summary>What is wrong there.</summary>
    public string Problem { get; }
}
