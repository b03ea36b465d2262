using System.Reflection;
using System.Text.RegularExpressions;
using KieGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KieGen.Generator.Tests;

/// <summary>
/// Unusual schema files, grouped into folders under <c>Corpus/</c>; each folder is one consumer project. Every file
/// states what it expects in its <c>$comment</c> (<c>expect KIE010 at 12:9</c>, 1-based line and column); a file
/// without expectations must generate code. Whatever the generator accepts must compile with zero warnings.
/// </summary>
public class CorpusTests
{
    private static readonly string Root = Path.Combine(
        typeof(CorpusTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
        "Corpus");

    private static readonly Regex Expectation = new(@"expect (KIE\d{3}) at (\d+):(\d+)", RegexOptions.CultureInvariant);

    public static TheoryData<string> Projects() =>
        new(Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_compiles_cleanly_or_reports_the_expected_diagnostics(string project)
    {
        var files = Directory.GetFiles(Path.Combine(Root, project), "*.kie.json")
            .Order(StringComparer.Ordinal)
            .Select(p => new SchemaText(project + "/" + Path.GetFileName(p), File.ReadAllText(p)))
            .ToArray();
        var expected = files
            .SelectMany(f => Expectation.Matches(f.Content).Select(m => f.Path + ": " + m.Groups[1].Value + " at " + m.Groups[2].Value + ":" + m.Groups[3].Value))
            .Order(StringComparer.Ordinal)
            .ToList();

        var result = StrictBuild.Run(files);

        var actual = result.GeneratorDiagnostics
            .Select(d => (Diagnostic: d, Span: d.Location.GetLineSpan()))
            .Select(d => d.Span.Path + ": " + d.Diagnostic.Id + " at " + (d.Span.StartLinePosition.Line + 1) + ":" + (d.Span.StartLinePosition.Character + 1))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(expected.SequenceEqual(actual),
            "Expected:\n" + string.Join("\n", expected) + "\nActual:\n" + string.Join("\n", result.GeneratorDiagnostics));
        Assert.True(result.CompileProblems.Count == 0, string.Join("\n", result.CompileProblems.Take(20)));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8785" or "AD0001" || d.Id == "KIE000");

        // Files without expectations generate code.
        var generated = result.Output.SyntaxTrees.Select(t => t.ToString()).ToList();
        foreach (var file in files.Where(f => !Expectation.IsMatch(f.Content)))
        {
            Assert.Contains(generated, text => text.Contains("from " + Path.GetFileName(file.Path) + ".", StringComparison.Ordinal));
        }
    }
}
