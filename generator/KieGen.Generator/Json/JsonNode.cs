using System.Collections.Generic;

namespace KieGen.Generator.Json;

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A parsed JSON value that remembers where it stands in the file, so diagnostics can point at it.</summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, int start)
    {
        Kind = kind;
        Start = start;
    }

    public JsonKind Kind { get; }

    /// <summary>Offset of the value's first character.</summary>
    public int Start { get; }

    /// <summary>Offset just past the value's last character.</summary>
    public int End { get; set; }

    /// <summary>The decoded string (strings) or the literal text (numbers).</summary>
    public string Text { get; set; } = "";

    /// <summary>Object members in file order; duplicates are kept so the parser can report them.</summary>
    public List<JsonMember> Members { get; } = new();

    public List<JsonNode> Items { get; } = new();

    public bool IsNumber => Kind == JsonKind.Number;

    public bool IsInteger => Kind == JsonKind.Number && JsonNumbers.IsIntegral(Text);

    public JsonMember? Find(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
            {
                return member;
            }
        }

        return null;
    }
}

/// <summary>One <c>"name": value</c> pair of an object.</summary>
internal sealed class JsonMember
{
    public JsonMember(string name, int nameStart, int nameEnd, JsonNode value)
    {
        Name = name;
        NameStart = nameStart;
        NameEnd = nameEnd;
        Value = value;
    }

    public string Name { get; }

    public int NameStart { get; }

    public int NameEnd { get; }

    public JsonNode Value { get; }
}
