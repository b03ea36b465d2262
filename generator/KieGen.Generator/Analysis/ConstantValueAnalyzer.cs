using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KieGen.Generator.Analysis;

/// <summary>
/// Turns the schema limits recorded in <c>[KieParameter]</c> into build errors for values known at compile time:
/// a constant (including one folded from other constants) assigned to a request property, in an object initializer
/// or anywhere else, or passed to a builder method or any parameter carrying the attribute. Values not known until
/// run time are left to the builder's validation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConstantValueAnalyzer : DiagnosticAnalyzer
{
    private const string ParameterAttribute = "KieGen.Requests.KieParameterAttribute";
    private const string ModelAttribute = "KieGen.Requests.KieModelAttribute";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        ConstantValueDiagnostics.StringTooLong,
        ConstantValueDiagnostics.StringTooShort,
        ConstantValueDiagnostics.NumberOutOfRange,
        ConstantValueDiagnostics.NotAMultiple,
        ConstantValueDiagnostics.TooManyItems,
        ConstantValueDiagnostics.TooFewItems,
        ConstantValueDiagnostics.NotAnAbsoluteUrl,
        ConstantValueDiagnostics.AdvisoryLimit);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName(ParameterAttribute);
            if (attribute is null)
            {
                return; // KieGen is not referenced: nothing to check
            }

            start.RegisterOperationAction(c => AnalyzeAssignment(c, attribute), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => AnalyzeArgument(c, attribute), OperationKind.Argument);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol attribute)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property: { } property } && Limits.Of(property, attribute) is { } limits)
        {
            Check(context, limits, assignment.Value);
        }
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, INamedTypeSymbol attribute)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is { } parameter && Limits.Of(parameter, attribute) is { } limits)
        {
            Check(context, limits, argument.Value);
        }
    }

    private static void Check(OperationAnalysisContext context, Limits limits, IOperation value)
    {
        var constant = ConstantOf(value);
        if (constant is string text)
        {
            CheckString(context, limits, value, text, limits.Uri);
        }
        else if (constant is not null && ToDouble(constant) is { } number)
        {
            CheckNumber(context, limits, value, number);
        }
        else if (Items(value) is { } items)
        {
            if (limits.MaxItems >= 0 && items.Count > limits.MaxItems)
            {
                Report(context, ConstantValueDiagnostics.TooManyItems, "maxItems", value, limits, limits.MaxItems, items.Count);
            }
            else if (limits.MinItems >= 0 && items.Count < limits.MinItems)
            {
                Report(context, ConstantValueDiagnostics.TooFewItems, "minItems", value, limits, limits.MinItems, items.Count);
            }

            if (limits.ItemUri)
            {
                foreach (var (syntax, element) in items)
                {
                    if (element is string url && !IsAbsoluteUrl(url))
                    {
                        Report(context, ConstantValueDiagnostics.NotAnAbsoluteUrl, "items.format", syntax.GetLocation(), limits, url);
                    }
                }
            }
        }
    }

    private static void CheckString(OperationAnalysisContext context, Limits limits, IOperation value, string text, bool uri)
    {
        var length = CodePoints(text);
        if (limits.MaxLength >= 0 && length > limits.MaxLength)
        {
            Report(context, ConstantValueDiagnostics.StringTooLong, "maxLength", value, limits, limits.MaxLength, length);
        }
        else if (limits.MinLength >= 0 && length < limits.MinLength)
        {
            Report(context, ConstantValueDiagnostics.StringTooShort, "minLength", value, limits, limits.MinLength, length);
        }

        if (uri && !IsAbsoluteUrl(text))
        {
            Report(context, ConstantValueDiagnostics.NotAnAbsoluteUrl, "format", value, limits, text);
        }
    }

    private static void CheckNumber(OperationAnalysisContext context, Limits limits, IOperation value, double number)
    {
        string? range = null;
        var keyword = "";
        if (!double.IsNaN(limits.Minimum) && number < limits.Minimum)
        {
            (range, keyword) = ("at least " + Format(limits.Minimum), "minimum");
        }
        else if (!double.IsNaN(limits.Maximum) && number > limits.Maximum)
        {
            (range, keyword) = ("at most " + Format(limits.Maximum), "maximum");
        }
        else if (!double.IsNaN(limits.ExclusiveMinimum) && number <= limits.ExclusiveMinimum)
        {
            (range, keyword) = ("greater than " + Format(limits.ExclusiveMinimum), "exclusiveMinimum");
        }
        else if (!double.IsNaN(limits.ExclusiveMaximum) && number >= limits.ExclusiveMaximum)
        {
            (range, keyword) = ("less than " + Format(limits.ExclusiveMaximum), "exclusiveMaximum");
        }

        if (range is not null)
        {
            Report(context, ConstantValueDiagnostics.NumberOutOfRange, keyword, value, limits, range, Format(number));
        }
        else if (!double.IsNaN(limits.MultipleOf) && !IsMultiple(number, limits.MultipleOf))
        {
            Report(context, ConstantValueDiagnostics.NotAMultiple, "multipleOf", value, limits, Format(limits.MultipleOf), Format(number));
        }
    }

    /// <summary>
    /// The elements (syntax and constant value) of an array creation, params array or collection expression; null when
    /// the count is not known at compile time (a spread, a variable, a method call).
    /// </summary>
    private static IReadOnlyList<(SyntaxNode Syntax, object? Constant)>? Items(IOperation value)
    {
        var operation = Unwrap(value);
        if (operation is IArrayCreationOperation { Initializer: { } initializer })
        {
            return initializer.ElementValues.Select(e => (e.Syntax, ConstantOf(e))).ToList();
        }

        if (operation is IArrayCreationOperation array && array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue.Value is int size)
        {
            return Enumerable.Repeat((array.Syntax, (object?)null), size).ToList();
        }

        // Collection expressions have no operation node in the Roslyn this generator builds against: read the syntax.
        if (value.Syntax is CollectionExpressionSyntax collection && value.SemanticModel is { } model
            && collection.Elements.All(e => e is ExpressionElementSyntax))
        {
            return collection.Elements
                .Select(e => ((SyntaxNode)e, model.GetConstantValue(((ExpressionElementSyntax)e).Expression) is { HasValue: true } c ? c.Value : null))
                .ToList();
        }

        return null;
    }

    private static object? ConstantOf(IOperation value)
    {
        for (var operation = value; operation is not null; operation = (operation as IConversionOperation)?.Operand)
        {
            if (operation.ConstantValue.HasValue)
            {
                return operation.ConstantValue.Value;
            }
        }

        return null;
    }

    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }

    private static double? ToDouble(object constant) => constant switch
    {
        int i => i,
        long l => l,
        double d => d,
        float f => f,
        decimal m => (double)m,
        short s => s,
        byte b => b,
        uint u => u,
        ulong ul => ul,
        _ => null,
    };

    /// <summary>JSON Schema counts characters as Unicode code points.</summary>
    private static int CodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            count++;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        return count;
    }

    private static bool IsAbsoluteUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme.Length > 0 && !uri.IsFile && !text.StartsWith("/", StringComparison.Ordinal);

    private static bool IsMultiple(double value, double step)
    {
        var quotient = value / step;
        return Math.Abs(quotient - Math.Round(quotient)) < 1e-9;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Report(OperationAnalysisContext context, DiagnosticDescriptor rule, string keyword, IOperation value, Limits limits, params object[] details) =>
        Report(context, rule, keyword, value.Syntax.GetLocation(), limits, details);

    /// <summary>
    /// Reports <paramref name="rule"/>, or KIE109 (a warning with the schema's reason) when the schema marks
    /// <paramref name="keyword"/> advisory.
    /// </summary>
    private static void Report(OperationAnalysisContext context, DiagnosticDescriptor rule, string keyword, Location location, Limits limits, params object[] details)
    {
        var arguments = new object[2 + details.Length];
        arguments[0] = limits.Model;
        arguments[1] = limits.WireName;
        details.CopyTo(arguments, 2);
        if (limits.Advisory.TryGetValue(keyword, out var reason))
        {
            // The error's own words (after "model: 'name' "), then why the limit is only advisory.
            var finding = string.Format(CultureInfo.InvariantCulture, rule.MessageFormat.ToString(CultureInfo.InvariantCulture), arguments);
            var prefix = limits.Model + ": '" + limits.WireName + "' ";
            var own = finding.StartsWith(prefix, StringComparison.Ordinal) ? finding.Substring(prefix.Length) : finding;
            context.ReportDiagnostic(Diagnostic.Create(ConstantValueDiagnostics.AdvisoryLimit, location, limits.Model, limits.WireName, own, reason));
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(rule, location, arguments));
    }

    /// <summary>The limits one <c>[KieParameter]</c> records, with the model it belongs to.</summary>
    private sealed class Limits
    {
        public string Model = "";
        public string WireName = "";
        public long MinLength = -1;
        public long MaxLength = -1;
        public long MinItems = -1;
        public long MaxItems = -1;
        public double Minimum = double.NaN;
        public double Maximum = double.NaN;
        public double ExclusiveMinimum = double.NaN;
        public double ExclusiveMaximum = double.NaN;
        public double MultipleOf = double.NaN;
        public bool Uri;
        public bool ItemUri;
        public Dictionary<string, string> Advisory = new(StringComparer.Ordinal);

        public static Limits? Of(ISymbol symbol, INamedTypeSymbol attribute)
        {
            var data = symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
            if (data is null || data.ConstructorArguments.Length != 1 || data.ConstructorArguments[0].Value is not string wireName)
            {
                return null;
            }

            var limits = new Limits { WireName = wireName, Model = ModelOf(symbol) };
            foreach (var named in data.NamedArguments)
            {
                var v = named.Value.Value;
                switch (named.Key)
                {
                    case "MinLength": limits.MinLength = v is long a ? a : -1; break;
                    case "MaxLength": limits.MaxLength = v is long b ? b : -1; break;
                    case "MinItems": limits.MinItems = v is long c ? c : -1; break;
                    case "MaxItems": limits.MaxItems = v is long d ? d : -1; break;
                    case "Minimum": limits.Minimum = v is double e ? e : double.NaN; break;
                    case "Maximum": limits.Maximum = v is double f ? f : double.NaN; break;
                    case "ExclusiveMinimum": limits.ExclusiveMinimum = v is double g ? g : double.NaN; break;
                    case "ExclusiveMaximum": limits.ExclusiveMaximum = v is double h ? h : double.NaN; break;
                    case "MultipleOf": limits.MultipleOf = v is double i ? i : double.NaN; break;
                    case "Uri": limits.Uri = v is true; break;
                    case "ItemUri": limits.ItemUri = v is true; break;
                    case "Advisory" when v is string advisory:
                        foreach (var line in advisory.Split('\n'))
                        {
                            var colon = line.IndexOf(": ", StringComparison.Ordinal);
                            if (colon > 0)
                            {
                                limits.Advisory[line.Substring(0, colon)] = line.Substring(colon + 2);
                            }
                        }

                        break;
                }
            }

            return limits;
        }

        /// <summary>The model id from [KieModel] on the request (or the builder's request); else the type's name.</summary>
        private static string ModelOf(ISymbol symbol)
        {
            var type = symbol is IParameterSymbol parameter ? parameter.ContainingSymbol.ContainingType : symbol.ContainingType;
            for (var t = type; t is not null; t = t.ContainingType)
            {
                var model = t.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ModelAttribute);
                if (model is { ConstructorArguments.Length: 1 } && model.ConstructorArguments[0].Value is string id)
                {
                    return id;
                }
            }

            return type?.Name ?? "KieGen";
        }
    }
}
