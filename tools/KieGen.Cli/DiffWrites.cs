using System;

namespace KieGen.Cli;

/// <summary>What <c>kiegen diff</c> may write into the folder besides reporting.</summary>
[Flags]
internal enum DiffWrites
{
    /// <summary>Report only.</summary>
    None = 0,

    /// <summary>Files of new models, and of renamed models under their new id (<c>--include-new</c>).</summary>
    New = 1,

    /// <summary>Changed files rewritten from Kie's current document, annotations kept (<c>--update-changed</c>).</summary>
    Changed = 2,
}
