using System.Linq;
using KieGen.Generator.Diagnostics;
using KieGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KieGen.Generator;

/// <summary>Turns diagnostics kept as data back into compiler diagnostics at their schema-file location.</summary>
internal static class DiagnosticReporter
{
    public static void Report(SourceProductionContext context, DiagnosticInfo info)
    {
        var location = Location.Create(
            info.FilePath,
            new TextSpan(info.Start, info.Length),
            new LinePositionSpan(new LinePosition(info.StartLine, info.StartColumn), new LinePosition(info.EndLine, info.EndColumn)));
        context.ReportDiagnostic(Diagnostic.Create(KieDiagnostics.ById[info.Id], location, info.Arguments.ToArray<object>()));
    }
}
