using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// The Gemini native wire format Kie serves Gemini 3.5 and later with
/// (<c>POST /gemini/v1/models/&lt;model&gt;:streamGenerateContent</c>). Kie's pages give the request (<c>contents</c>
/// of <c>{role, parts}</c>, <c>tools</c> with <c>functionDeclarations</c>, <c>generationConfig.thinkingConfig</c>,
/// Kie's own <c>stream</c> flag) and the answer (<c>candidates[].content.parts[]</c> with <c>text</c> or
/// <c>functionCall</c> and its <c>thoughtSignature</c>, <c>finishReason</c>, <c>usageMetadata</c>,
/// <c>modelVersion</c>, <c>responseId</c>); a stream is that answer in chunks, as SSE or one JSON array.
/// <c>systemInstruction</c>, <c>toolConfig</c>, <c>functionResponse</c> and the other <c>generationConfig</c> fields
/// follow Google's published protocol, which Kie passes through.
/// </summary>
internal sealed class GeminiWire(string modelId) : IChatWire
{
    private const string Protocol = "Gemini native";

    /// <summary>
    /// Where a tool call's <c>thoughtSignature</c> is kept on its <see cref="FunctionCallContent"/>: Gemini 3 refuses
    /// a history whose function calls lost theirs, so it goes back with the call.
    /// </summary>
    public const string ThoughtSignatureKey = "thoughtSignature";

    /// <summary>Ids given to calls that came without one (older models); never sent back, as Gemini did not choose them.</summary>
    private const string MadeUpIdPrefix = "kie-gemini-call-";

    public byte[] Body(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var list = messages.ToList();
        var names = list.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
            .GroupBy(c => c.CallId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var system = ChatBody.SystemText(options, list);
        var generation = GenerationConfig(options);
        return ChatBody.Write(w =>
        {
            w.WriteBoolean("stream", stream);
            if (system.Length > 0)
            {
                w.WriteStartObject("systemInstruction");
                w.WriteStartArray("parts");
                w.WriteStartObject();
                w.WriteString("text", system);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteStartArray("contents");
            foreach (var message in list.Where(m => m.Role != ChatRole.System))
            {
                WriteContent(w, message, names);
            }

            w.WriteEndArray();
            if (options is not null)
            {
                WriteTools(w, options);
            }

            if (generation.Count > 0)
            {
                w.WritePropertyName("generationConfig");
                generation.WriteTo(w);
            }

            var rest = options?.AdditionalProperties?.Where(p => p.Key != "generationConfig");
            ChatJson.WriteAdditional(w, rest is null ? null : new AdditionalPropertiesDictionary(rest));
        });
    }

    /// <summary>One turn: <c>model</c> for the assistant, <c>user</c> for everyone else (tool results included).</summary>
    private void WriteContent(Utf8JsonWriter w, ChatMessage message, Dictionary<string, string> names)
    {
        var parts = message.Contents.Where(c => c is not (TextReasoningContent or UsageContent)).ToList();
        if (parts.Count == 0)
        {
            return;
        }

        ChatBody.WriteTurn(w, message.Role == ChatRole.Assistant ? "model" : "user", "parts", parts, (w, part) => WritePart(w, part, names));
    }

    /// <summary>One part: text, inline or linked media, a function call (with its thought signature), a function response.</summary>
    private void WritePart(Utf8JsonWriter w, AIContent part, Dictionary<string, string> names)
    {
        switch (part)
        {
            case TextContent text:
                w.WriteString("text", text.Text);
                break;
            case DataContent data:
                w.WriteStartObject("inlineData");
                w.WriteString("mimeType", data.MediaType);
                w.WriteString("data", Convert.ToBase64String(data.Data.Span));
                w.WriteEndObject();
                break;
            case UriContent uri:
                w.WriteStartObject("fileData");
                w.WriteString("mimeType", uri.MediaType);
                w.WriteString("fileUri", uri.Uri.ToString());
                w.WriteEndObject();
                break;
            case FunctionCallContent call:
                w.WriteStartObject("functionCall");
                w.WriteString("name", call.Name);
                w.WritePropertyName("args");
                ChatJson.WriteArguments(w, call);
                if (!call.CallId.StartsWith(MadeUpIdPrefix, StringComparison.Ordinal))
                {
                    w.WriteString("id", call.CallId);
                }

                w.WriteEndObject();
                if (call.AdditionalProperties?.TryGetValue(ThoughtSignatureKey, out var signature) == true && signature is string signatureText)
                {
                    w.WriteString(ThoughtSignatureKey, signatureText);
                }

                break;
            case FunctionResultContent result:
                // Gemini answers a call by the function's name, which the result alone does not carry.
                if (!names.TryGetValue(result.CallId, out var name))
                {
                    throw new ArgumentException(
                        $"Model '{modelId}' ({Protocol}) needs the function's name with each tool result; the messages hold no FunctionCallContent with CallId '{result.CallId}'.", "messages");
                }

                w.WriteStartObject("functionResponse");
                w.WriteString("name", name);
                if (!result.CallId.StartsWith(MadeUpIdPrefix, StringComparison.Ordinal))
                {
                    w.WriteString("id", result.CallId);
                }

                w.WriteStartObject("response");
                w.WritePropertyName("result");
                if (KieParameterMap.ToJson(result.Result) is { } value)
                {
                    value.WriteTo(w);
                }
                else
                {
                    w.WriteNullValue();
                }

                w.WriteEndObject();
                w.WriteEndObject();
                break;
            default:
                throw ChatBody.Unsupported(Protocol, part);
        }
    }

    private static void WriteTools(Utf8JsonWriter w, ChatOptions options)
    {
        var functions = ChatBody.Functions(options);
        if (functions.Count == 0)
        {
            return;
        }

        w.WriteStartArray("tools");
        w.WriteStartObject();
        ChatBody.WriteObjects(w, "functionDeclarations", functions, (w, function) => ChatJson.WriteFunction(w, function, "parameters", GeminiSchema.Write));
        w.WriteEndObject();
        w.WriteEndArray();
        if (options.ToolMode is NoneChatToolMode or RequiredChatToolMode)
        {
            w.WriteStartObject("toolConfig");
            w.WriteStartObject("functionCallingConfig");
            w.WriteString("mode", options.ToolMode is NoneChatToolMode ? "NONE" : "ANY");
            if (options.ToolMode is RequiredChatToolMode { RequiredFunctionName: { } name })
            {
                w.WriteStartArray("allowedFunctionNames");
                w.WriteStringValue(name);
                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    /// <summary>
    /// The sampling options, reasoning and response format, merged with a caller's own <c>generationConfig</c>
    /// (<c>thinkingConfig</c>, ...) from <see cref="ChatOptions.AdditionalProperties"/>; a field set both ways is refused.
    /// </summary>
    private JsonObject GenerationConfig(ChatOptions? options)
    {
        var config = new JsonObject();
        if (options is null)
        {
            return config;
        }

        void Set(string name, JsonNode? value)
        {
            if (value is not null)
            {
                config[name] = value;
            }
        }

        Set("temperature", options.Temperature);
        Set("topP", options.TopP);
        Set("topK", options.TopK);
        Set("maxOutputTokens", options.MaxOutputTokens);
        Set("seed", options.Seed);
        Set("presencePenalty", options.PresencePenalty);
        Set("frequencyPenalty", options.FrequencyPenalty);
        if (options.StopSequences is { Count: > 0 } stop)
        {
            config["stopSequences"] = new JsonArray(stop.Select(s => (JsonNode?)s).ToArray());
        }

        if (options.Reasoning is { } reasoning)
        {
            var thinking = new JsonObject();
            if (reasoning.Effort is { } effort)
            {
                // Kie documents thinkingLevel low and high for these models.
                thinking["thinkingLevel"] = effort switch
                {
                    ReasoningEffort.Low => "low",
                    ReasoningEffort.High or ReasoningEffort.ExtraHigh => "high",
                    _ => throw ChatJson.Unsupported(modelId, Protocol, nameof(ChatOptions.Reasoning), $"thinkingLevel takes low or high, not {effort}"),
                };
            }

            if (reasoning.Output is { } output)
            {
                thinking["includeThoughts"] = output != ReasoningOutput.None;
            }

            config["thinkingConfig"] = thinking;
        }

        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            config["responseMimeType"] = "application/json";
            if (json.Schema is { } schema)
            {
                config["responseSchema"] = JsonNode.Parse(GeminiSchema.ToJson(schema));
            }
        }

        if (options.AdditionalProperties?.TryGetValue("generationConfig", out var own) == true)
        {
            if (KieParameterMap.ToJson(own) is not JsonObject extra)
            {
                throw new ArgumentException($"Model '{modelId}' ({Protocol}): AdditionalProperties[\"generationConfig\"] must be a JSON object.", nameof(options));
            }

            foreach (var (name, value) in extra.ToList())
            {
                if (config.ContainsKey(name))
                {
                    throw new ArgumentException($"Model '{modelId}' ({Protocol}): generationConfig.{name} is set both by ChatOptions and by AdditionalProperties[\"generationConfig\"]; set it once.", nameof(options));
                }

                extra.Remove(name);
                config[name] = value;
            }
        }

        return config;
    }

    /// <summary>A whole answer (one <c>GenerateContentResponse</c>).</summary>
    public ChatResponse Response(JsonElement root)
    {
        var update = new Stream(modelId).Read(root, last: true);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, update?.Contents.Where(c => c is not UsageContent).ToList() ?? []))
        {
            RawRepresentation = root.Clone(),
            ResponseId = update?.ResponseId,
            ModelId = update?.ModelId,
            FinishReason = update?.FinishReason,
            Usage = update?.Contents.OfType<UsageContent>().FirstOrDefault()?.Details,
        };
        response.Messages[0].MessageId = response.ResponseId;
        return response;
    }

    public IChatStreamReader StartStream() => new Stream(modelId);

    /// <summary>
    /// The chunks of one answer: each carries parts (text, thoughts, whole function calls); the last carries the finish
    /// reason. The usage is taken from the chunk with the finish reason only, as Gemini repeats running totals.
    /// </summary>
    private sealed class Stream(string modelId) : IChatStreamReader
    {
        private int _calls;

        public ChatResponseUpdate? Read(JsonElement data) => Read(data, last: false);

        public ChatResponseUpdate? Read(JsonElement data, bool last)
        {
            var id = ChatJson.Text(data, "responseId");
            var update = new ChatResponseUpdate
            {
                RawRepresentation = data.Clone(),
                Role = ChatRole.Assistant,
                ResponseId = id,
                MessageId = id,
                ModelId = ChatJson.Text(data, "modelVersion") ?? modelId,
            };
            string? finish = null;
            if (ChatJson.TryGetArray(data, "candidates", out var candidates) && candidates.GetArrayLength() > 0)
            {
                var candidate = candidates[0];
                finish = ChatJson.Text(candidate, "finishReason");
                if (ChatJson.TryGetObject(candidate, "content", out var content) && ChatJson.TryGetArray(content, "parts", out var parts))
                {
                    foreach (var part in parts.EnumerateArray())
                    {
                        if (ChatJson.TryGetObject(part, "functionCall", out var call))
                        {
                            update.Contents.Add(Call(call, ChatJson.Text(part, ThoughtSignatureKey)));
                        }
                        else if (ChatJson.Text(part, "text") is { } text)
                        {
                            update.Contents.Add(part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True
                                ? new TextReasoningContent(text)
                                : new TextContent(text));
                        }
                    }
                }
            }
            else if (ChatJson.TryGetObject(data, "promptFeedback", out var feedback) && ChatJson.Text(feedback, "blockReason") is not null)
            {
                finish = "SAFETY"; // the prompt itself was blocked: no candidates at all
            }

            if (finish is not null || last)
            {
                update.FinishReason = Finish(finish, _calls > 0);
                if (Usage(data) is { } usage)
                {
                    update.Contents.Add(new UsageContent(usage));
                }
            }

            return update.Contents.Count == 0 && update.FinishReason is null ? null : update;
        }

        private FunctionCallContent Call(JsonElement call, string? signature)
        {
            _calls++;
            var name = ChatJson.Text(call, "name") ?? "";
            var content = ChatJson.FunctionCall(
                ChatJson.Text(call, "id") ?? MadeUpIdPrefix + _calls.ToString(System.Globalization.CultureInfo.InvariantCulture),
                name,
                call.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object ? args.GetRawText() : null);
            if (signature is not null)
            {
                (content.AdditionalProperties ??= [])[ThoughtSignatureKey] = signature;
            }

            return content;
        }

        private static ChatFinishReason? Finish(string? reason, bool calls) => reason switch
        {
            null => calls ? ChatFinishReason.ToolCalls : null,
            "STOP" => calls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            "MAX_TOKENS" => ChatFinishReason.Length,
            "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ChatFinishReason.ContentFilter,
            var other => new ChatFinishReason(other),
        };

        private static UsageDetails? Usage(JsonElement data)
        {
            if (!ChatJson.TryGetObject(data, "usageMetadata", out var usage))
            {
                return null;
            }

            return new UsageDetails
            {
                InputTokenCount = ChatJson.Count(usage, "promptTokenCount"),
                OutputTokenCount = ChatJson.Count(usage, "candidatesTokenCount"),
                TotalTokenCount = ChatJson.Count(usage, "totalTokenCount"),
                CachedInputTokenCount = ChatJson.Count(usage, "cachedContentTokenCount"),
                ReasoningTokenCount = ChatJson.Count(usage, "thoughtsTokenCount"),
            };
        }
    }
}
