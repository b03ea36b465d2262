namespace KieGen.Generator.Model;

/// <summary>How far along a <see cref="DeprecationSpec"/> is: the word its message uses.</summary>
internal enum DeprecationStatus
{
    /// <summary>Still served (the default).</summary>
    Deprecated,

    /// <summary>No longer served (a model).</summary>
    Retired,

    /// <summary>No longer offered (a value).</summary>
    Discontinued,
}
