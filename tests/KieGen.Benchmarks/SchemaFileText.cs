using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KieGen.Benchmarks;

/// <summary>A schema file handed to the generator in-process, as MSBuild would hand it an AdditionalFiles item.</summary>
internal sealed class SchemaFileText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
}
