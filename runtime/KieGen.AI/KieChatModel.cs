using System;
using System.Collections.Generic;
using System.Linq;

namespace KieGen.AI;

/// <summary>The wire protocol of one of Kie's chat endpoints.</summary>
public enum KieChatProtocol
{
    /// <summary>OpenAI chat completions (<c>POST /&lt;model&gt;/v1/chat/completions</c>): Kie's Gemini and GPT 5.2 models.</summary>
    OpenAIChatCompletions,
    /// <summary>Anthropic Messages (<c>POST /claude/v1/messages</c>): Kie's Claude models.</summary>
    AnthropicMessages,
    /// <summary>OpenAI Responses (<c>/codex/v1/responses</c>, <c>/grok/v1/responses</c>, ...).</summary>
    OpenAIResponses,
    /// <summary>Gemini native (<c>/gemini/v1/models/&lt;model&gt;:streamGenerateContent</c>).</summary>
    GeminiNative,
}

/// <summary>A chat model of Kie: its id, protocol and endpoint path.</summary>
/// <param name="ModelId">Kie's id of the model (<c>gemini-2.5-pro</c>).</param>
/// <param name="Protocol">The protocol its endpoint speaks.</param>
/// <param name="Path">The endpoint path relative to the API base address.</param>
public sealed record KieChatModel(string ModelId, KieChatProtocol Protocol, string Path)
{
    /// <summary>
    /// Kie's chat models as its model reference of October 2026 lists them (families <c>chat-*</c>): the path
    /// selects the model for chat completions; the other protocols name it in the body.
    /// </summary>
    public static IReadOnlyList<KieChatModel> All { get; } =
    [
        new("claude-fable-5", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-haiku-4-5", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-opus-4-5", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-opus-4-6", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-opus-4-7", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-opus-4-8", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-opus-5", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-opus-5-5", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-sonnet-4-5", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-sonnet-4-6", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-sonnet-5", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("claude-sonnet-5-5", KieChatProtocol.AnthropicMessages, "/claude/v1/messages"),
        new("gemini-3-5-flash", KieChatProtocol.GeminiNative, "/gemini/v1/models/gemini-3-5-flash:streamGenerateContent"),
        new("gemini-3-6-flash", KieChatProtocol.GeminiNative, "/gemini/v1/models/gemini-3-6-flash:streamGenerateContent"),
        new("gemini-3-7-flash", KieChatProtocol.GeminiNative, "/gemini/v1/models/gemini-3-7-flash:streamGenerateContent"),
        new("gemini-3-8-flash", KieChatProtocol.GeminiNative, "/gemini/v1/models/gemini-3-8-flash:streamGenerateContent"),
        new("gemini-2.5-pro", KieChatProtocol.OpenAIChatCompletions, "/gemini-2.5-pro/v1/chat/completions"),
        new("gemini-3-5-flash-openai", KieChatProtocol.OpenAIChatCompletions, "/gemini-3-5-flash-openai/v1/chat/completions"),
        new("gemini-3-6-flash-openai", KieChatProtocol.OpenAIChatCompletions, "/gemini-3-6-flash-openai/v1/chat/completions"),
        new("gemini-3-7-flash-openai", KieChatProtocol.OpenAIChatCompletions, "/gemini-3-7-flash-openai/v1/chat/completions"),
        new("gemini-3-8-flash-openai", KieChatProtocol.OpenAIChatCompletions, "/gemini-3-8-flash-openai/v1/chat/completions"),
        new("gemini-3-pro", KieChatProtocol.OpenAIChatCompletions, "/gemini-3-pro/v1/chat/completions"),
        new("gemini-3.1-pro", KieChatProtocol.OpenAIChatCompletions, "/gemini-3.1-pro/v1/chat/completions"),
        new("gpt-5-2", KieChatProtocol.OpenAIChatCompletions, "/gpt-5-2/v1/chat/completions"),
        new("deepseek-v4-1-flash", KieChatProtocol.OpenAIResponses, "/openai/v1/responses"),
        new("gpt-5-5", KieChatProtocol.OpenAIResponses, "/codex/v1/responses"),
        new("gpt-5-6-luna", KieChatProtocol.OpenAIResponses, "/codex/v1/responses"),
        new("gpt-5-6-sol", KieChatProtocol.OpenAIResponses, "/codex/v1/responses"),
        new("gpt-5-6-terra", KieChatProtocol.OpenAIResponses, "/codex/v1/responses"),
        new("gpt-6-1-sol", KieChatProtocol.OpenAIResponses, "/codex/v1/responses"),
        new("gpt-6-astra", KieChatProtocol.OpenAIResponses, "/codex/v1/responses"),
        new("gpt-6-luna", KieChatProtocol.OpenAIResponses, "/codex/v1/responses"),
        new("gpt-6-sol", KieChatProtocol.OpenAIResponses, "/codex/v1/responses"),
        new("grok-4-5", KieChatProtocol.OpenAIResponses, "/grok/v1/responses"),
        new("grok-4-6", KieChatProtocol.OpenAIResponses, "/grok/v1/responses"),
        new("grok-4-7", KieChatProtocol.OpenAIResponses, "/grok/v1/responses"),
        new("kimi-k3", KieChatProtocol.OpenAIResponses, "/openai/v1/responses"),
    ];

    /// <summary>The chat model of an id; a model Kie does not list may be given as a <see cref="KieChatModel"/> directly.</summary>
    public static KieChatModel Get(string modelId)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        return All.FirstOrDefault(m => m.ModelId == modelId) ?? throw new ArgumentException(
            $"'{modelId}' is not one of Kie's chat models ({string.Join(", ", All.Select(m => m.ModelId))}); pass a KieChatModel with its protocol and path for another.", nameof(modelId));
    }
}
