using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KieGen.Generator.Analysis;

/// <summary>
/// Checks the conditional requirements a request type records in <c>[KieCondition]</c> on builder chains known at
/// compile time: <c>Create...Builder()</c>, then <c>With...</c> calls, then <c>Build()</c>, in one expression. When the
/// chain sets the condition's member (to its value, a constant), a member the condition requires but the chain does
/// not set, or one it forbids but the chain sets, is a build error at <c>Build()</c>. Chains split over variables,
/// and values not known until run time, are left to <c>Build()</c>'s own validation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConditionAnalyzer : DiagnosticAnalyzer
{
    private const string ConditionAttribute = "KieGen.Requests.KieConditionAttribute";
    private const string ParameterAttribute = "KieGen.Requests.KieParameterAttribute";
    private const string EnumValueAttribute = "KieGen.Requests.KieEnumValueAttribute";
    private const string ModelAttribute = "KieGen.Requests.KieModelAttribute";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ConstantValueDiagnostics.ConditionViolated);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Resolved once per compilation: every invocation of the user's code passes through AnalyzeBuild.
            var condition = start.Compilation.GetTypeByMetadataName(ConditionAttribute);
            var parameter = start.Compilation.GetTypeByMetadataName(ParameterAttribute);
            if (condition is null || parameter is null)
            {
                return; // KieGen is not referenced, or a version without conditions
            }

            var enumValue = start.Compilation.GetTypeByMetadataName(EnumValueAttribute);
            start.RegisterOperationAction(c => AnalyzeBuild(c, condition, parameter, enumValue), OperationKind.Invocation);
        });
    }

    private static void AnalyzeBuild(OperationAnalysisContext context, INamedTypeSymbol conditionAttribute, INamedTypeSymbol parameterAttribute, INamedTypeSymbol? enumValueAttribute)
    {
        var build = (IInvocationOperation)context.Operation;
        if (build.TargetMethod is not { Name: "Build", Parameters.Length: 0, IsStatic: false } method || method.ContainingType?.ContainingType is not { } request)
        {
            return;
        }

        var conditions = request.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, conditionAttribute)).ToList();
        if (conditions.Count == 0 || SetMembers(build.Instance, method.ContainingType, parameterAttribute, enumValueAttribute) is not { } set)
        {
            return;
        }

        var model = request.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ModelAttribute) is { ConstructorArguments.Length: 1 } m && m.ConstructorArguments[0].Value is string id ? id : request.Name;
        foreach (var data in conditions)
        {
            if (data.ConstructorArguments.Length != 5 || data.ConstructorArguments[0].Value is not string words || data.ConstructorArguments[1].Value is not string member)
            {
                continue;
            }

            var valueJson = data.ConstructorArguments[2].Value as string;
            if (!set.TryGetValue(member, out var value) || (valueJson is not null && value != valueJson))
            {
                continue; // the condition does not hold, or its value is not known at compile time
            }

            foreach (var required in Names(data.ConstructorArguments[3]).Where(n => !set.ContainsKey(n)))
            {
                context.ReportDiagnostic(Diagnostic.Create(ConstantValueDiagnostics.ConditionViolated, build.Syntax.GetLocation(), model, required, "is required " + words));
            }

            foreach (var forbidden in Names(data.ConstructorArguments[4]).Where(set.ContainsKey))
            {
                context.ReportDiagnostic(Diagnostic.Create(ConstantValueDiagnostics.ConditionViolated, build.Syntax.GetLocation(), model, forbidden, "is not allowed " + words));
            }
        }
    }

    private static IEnumerable<string> Names(TypedConstant array) =>
        array.Kind == TypedConstantKind.Array ? array.Values.Select(v => v.Value as string).OfType<string>() : Enumerable.Empty<string>();

    /// <summary>
    /// The wire names a chain of <c>With...</c> calls on a fresh builder sets, each with its value as JSON text (null
    /// when not a constant); null when the chain does not start at a <c>Create...Builder()</c> call.
    /// </summary>
    private static Dictionary<string, string?>? SetMembers(IOperation? receiver, INamedTypeSymbol builder, INamedTypeSymbol parameterAttribute, INamedTypeSymbol? enumValueAttribute)
    {
        var set = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (receiver is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, builder) && !call.TargetMethod.IsStatic)
        {
            if (call.Arguments.Length == 1 && call.TargetMethod.Parameters[0].GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, parameterAttribute)) is { ConstructorArguments.Length: > 0 } parameter &&
                parameter.ConstructorArguments[0].Value is string wire && !set.ContainsKey(wire))
            {
                set[wire] = JsonOf(call.Arguments[0].Value, enumValueAttribute); // the last call wins, and the walk goes from the last call back
            }

            receiver = call.Instance;
        }

        return receiver is IInvocationOperation { TargetMethod: { IsStatic: true, Parameters.Length: 0 } create } &&
               create.Name.StartsWith("Create", StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(create.ReturnType, builder)
            ? set
            : null;
    }

    /// <summary>A constant argument as JSON text (<c>true</c>, <c>"4k"</c>, <c>5</c>); an enum member by its wire value.</summary>
    private static string? JsonOf(IOperation value, INamedTypeSymbol? enumValueAttribute)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field })
        {
            var wire = field.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, enumValueAttribute))?.ConstructorArguments.FirstOrDefault().Value;
            return wire is string text ? Json.JsonText.Quote(text) : field.ConstantValue is { } number ? Convert.ToString(number, CultureInfo.InvariantCulture) : null;
        }

        if (!value.ConstantValue.HasValue)
        {
            return null;
        }

        return value.ConstantValue.Value switch
        {
            bool b => b ? "true" : "false",
            string s => Json.JsonText.Quote(s),
            null => "null",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
