using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// One of Kie's chat protocols: the request body written from the abstractions, a whole answer read back, and a
/// reader for the data of its SSE events. Options the protocol has no field for are refused while writing the body.
/// </summary>
internal interface IChatWire
{
    byte[] Body(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream);

    ChatResponse Response(JsonElement root);

    IChatStreamReader StartStream();

    /// <summary>The wire of a model's protocol.</summary>
    public static IChatWire For(KieChatModel model) => model.Protocol switch
    {
        KieChatProtocol.OpenAIChatCompletions => new ChatCompletionsWire(model.ModelId),
        KieChatProtocol.AnthropicMessages => new AnthropicMessagesWire(model.ModelId),
        KieChatProtocol.OpenAIResponses => new ResponsesWire(model.ModelId),
        KieChatProtocol.GeminiNative => new GeminiWire(model.ModelId),
        _ => throw new NotSupportedException($"Model '{model.ModelId}' names protocol {(int)model.Protocol}, which is not one of {string.Join(", ", Enum.GetNames<KieChatProtocol>())}."),
    };
}

/// <summary>The state of one streamed answer.</summary>
internal interface IChatStreamReader
{
    /// <summary>
    /// The update one event's data makes, or null when it changes nothing the caller sees. An error event throws
    /// <see cref="KieGen.Client.KieApiException"/>.
    /// </summary>
    ChatResponseUpdate? Read(JsonElement data);
}
