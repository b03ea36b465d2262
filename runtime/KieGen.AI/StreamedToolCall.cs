using System.Text;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// A tool call that arrives in pieces over a stream: its id and name from the piece that opens it, its arguments
/// concatenated over the pieces, emitted whole (<see cref="ToContent"/>) once the protocol says it is complete.
/// </summary>
internal sealed class StreamedToolCall(string id = "", string name = "")
{
    public string Id { get; set; } = id;

    public string Name { get; set; } = name;

    public StringBuilder Arguments { get; } = new();

    public FunctionCallContent ToContent() => ChatJson.FunctionCall(Id, Name, Arguments.ToString());
}
