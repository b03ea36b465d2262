using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>The structure every chat protocol's request body shares: one object, turns of parts, arrays of objects, system text.</summary>
internal static class ChatBody
{
    /// <summary>The body: one JSON object whose members <paramref name="writeMembers"/> writes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            writeMembers(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A turn: <c>{"role": role, partsName: [...]}</c>, each part an object of its own (see <see cref="WriteObjects"/>).</summary>
    public static void WriteTurn(Utf8JsonWriter w, string role, string partsName, IEnumerable<AIContent> parts, Action<Utf8JsonWriter, AIContent> writePart)
    {
        w.WriteStartObject();
        w.WriteString("role", role);
        WriteObjects(w, partsName, parts, writePart);
        w.WriteEndObject();
    }

    /// <summary>An array of objects named <paramref name="name"/>: each item's members written by <paramref name="writeMembers"/> between its braces.</summary>
    public static void WriteObjects<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeMembers)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            writeMembers(w, item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The functions among the options' tools (the declarations a protocol can describe).</summary>
    public static List<AIFunctionDeclaration> Functions(ChatOptions options) => options.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];

    /// <summary>
    /// The instructions and the system messages' text, joined by blank lines, for the protocols that take system text
    /// apart from the turns (Anthropic's <c>system</c>, Gemini's <c>systemInstruction</c>); empty when there is none.
    /// </summary>
    public static string SystemText(ChatOptions? options, IEnumerable<ChatMessage> messages) =>
        string.Join("\n\n", new[] { options?.Instructions }
            .Concat(messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text))
            .Where(t => !string.IsNullOrEmpty(t)));

    /// <summary>Content a protocol has no place for: refused by its type, before anything is sent.</summary>
    public static NotSupportedException Unsupported(string protocol, AIContent content, string takes = "text, media, tool calls and tool results") =>
        new($"Kie's {protocol} protocol takes {takes}, not {content.GetType().Name}.");
}
