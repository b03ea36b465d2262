using System.Reflection;
using System.Reflection.Emit;

namespace KieGen.Client.Tests;

/// <summary>Finds, by reflection and by reading IL, every place a type of one namespace uses a type of another.</summary>
internal static class NamespaceReferences
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>"Type: used type" for each type in <paramref name="from"/> (or below it) that uses a type in <paramref name="to"/> (or below).</summary>
    public static List<string> Find(Assembly assembly, string from, string to) =>
        Find(assembly.GetTypes().Where(t => In(t, from)), to);

    /// <summary>"Type: used type" for each of <paramref name="types"/> that uses a type in <paramref name="to"/> (or below).</summary>
    public static List<string> Find(IEnumerable<Type> types, string to)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            foreach (var used in Uses(type).SelectMany(Flatten).Where(t => In(t, to)))
            {
                found.Add($"{type.FullName}: {used.FullName ?? used.Name}");
            }
        }

        return found.ToList();
    }

    private static bool In(Type type, string space) =>
        type.Namespace is { } ns && (ns == space || ns.StartsWith(space + ".", StringComparison.Ordinal));

    private static IEnumerable<Type> Uses(Type type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var a in type.GetCustomAttributesData()) yield return a.AttributeType;
        foreach (var f in type.GetFields(Everything)) yield return f.FieldType;
        foreach (var p in type.GetProperties(Everything)) yield return p.PropertyType;
        foreach (var e in type.GetEvents(Everything)) if (e.EventHandlerType is { } handler) yield return handler;
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo m) yield return m.ReturnType;
            foreach (var p in method.GetParameters()) yield return p.ParameterType;
            foreach (var used in BodyUses(method)) yield return used;
        }
    }

    private static IEnumerable<Type> BodyUses(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null) yield break;
        foreach (var local in body.LocalVariables) yield return local.LocalType;

        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = OpCodesByValue[il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at]];
            at += code.Size;
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                switch (member)
                {
                    case Type t: yield return t; break;
                    case FieldInfo f: yield return f.DeclaringType!; yield return f.FieldType; break;
                    case MethodBase m:
                        yield return m.DeclaringType!;
                        if (m is MethodInfo mi) yield return mi.ReturnType;
                        foreach (var p in m.GetParameters()) yield return p.ParameterType;
                        if (m.IsGenericMethod) foreach (var g in m.GetGenericArguments()) yield return g;
                        break;
                }
            }

            at += OperandSize(code.OperandType, il, at);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };

    /// <summary>A type and everything it is made of: element types and generic arguments.</summary>
    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Flatten(type.GetElementType()!)) yield return t;
            yield break;
        }

        if (type.IsGenericParameter) yield break;
        yield return type;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var t in type.GetGenericArguments().SelectMany(Flatten)) yield return t;
        }
    }
}
