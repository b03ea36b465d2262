using System.Net;
using System.Text;
using System.Text.Json;
using KieGen.Client;
using KieGen.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static KieGen.AI.Tests.ChatKit;

namespace KieGen.AI.Tests;

/// <summary>IChatClient over Kie's Gemini native models (<c>:streamGenerateContent</c>), against the fake Kie server.</summary>
public class GeminiChatTests
{
    private const string Model = "gemini-3-5-flash";
    private const string Path = "/gemini/v1/models/gemini-3-5-flash:streamGenerateContent";

    private static Task<Fixture> StartAsync() => Fixture.StartAsync(s => s.AddKeyedKieChatClient("gemini", Model));

    private static IChatClient Chat(Fixture kie) => kie.Services.GetRequiredKeyedService<IChatClient>("gemini");

    [Fact]
    public async Task Non_streaming_answer_sends_contents_and_a_system_instruction_and_reads_candidates_and_usage()
    {
        await using var kie = await StartAsync();

        var response = await Chat(kie).GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief"), new ChatMessage(ChatRole.User, "Hello there")], new ChatOptions { Temperature = 0.5f, TopK = 20 }, Ct);

        Assert.Equal("Fake answer to: Hello there", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(Model, response.ModelId);
        Assert.Equal((4L, 5L, 9L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        var body = Assert.Single(Bodies(kie, Path));
        Assert.False(body.GetProperty("stream").GetBoolean());
        Assert.False(body.TryGetProperty("model", out _)); // the path names the model
        Assert.Equal("Be brief", body.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        var content = Assert.Single(body.GetProperty("contents").EnumerateArray());
        Assert.Equal(("user", "Hello there"), (content.GetProperty("role").GetString(), content.GetProperty("parts")[0].GetProperty("text").GetString()));
        var generation = body.GetProperty("generationConfig");
        Assert.Equal((0.5, 20), (generation.GetProperty("temperature").GetDouble(), generation.GetProperty("topK").GetInt32()));
    }

    [Fact]
    public async Task Streamed_text_arrives_in_pieces_and_an_error_chunk_mid_stream_throws()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);

        var updates = await StreamAsync(chat, [new ChatMessage(ChatRole.User, "Tell me a story")]);

        Assert.True(updates.Count(u => u.Text.Length > 0) > 1);
        var response = updates.ToChatResponse();
        Assert.Equal("Fake answer to: Tell me a story", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(4 + 7, response.Usage!.TotalTokenCount); // once, from the chunk with the finish reason
        Assert.True(Assert.Single(Bodies(kie, Path)).GetProperty("stream").GetBoolean());

        kie.Server.FailNextChatStream(chunks: 2);
        var error = await Assert.ThrowsAsync<KieApiException>(() => StreamAsync(chat, [new ChatMessage(ChatRole.User, "Tell me a story")]));
        Assert.Equal(500, error.Code);
        Assert.Contains("mid-stream", error.Message);
        Assert.Contains(Model, error.Message);
    }

    [Fact]
    public async Task A_function_call_goes_back_with_its_thought_signature_and_its_result_as_a_function_response_by_name()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);
        var options = new ChatOptions { Tools = [Weather()] };
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?")];

        var first = (await StreamAsync(chat, history, options)).ToChatResponse();

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = SingleCall(first);
        Assert.Equal(("fc_fake_1", "get_weather", "fake"), (call.CallId, call.Name, call.Arguments!["city"]?.ToString()));
        Assert.NotNull(call.AdditionalProperties?["thoughtSignature"]);
        var declaration = Bodies(kie, Path)[0].GetProperty("tools")[0].GetProperty("functionDeclarations")[0];
        Assert.Equal("get_weather", declaration.GetProperty("name").GetString());
        Assert.Equal("OBJECT", declaration.GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal("STRING", declaration.GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());

        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "Sunny in Paris")]));
        var second = await chat.GetResponseAsync(history, options, Ct);

        Assert.Equal("The tool answered: Sunny in Paris", second.Text);
        var contents = Bodies(kie, Path)[1].GetProperty("contents");
        var sentCall = contents[1].GetProperty("parts")[0];
        Assert.Equal(("model", "fc_fake_1"), (contents[1].GetProperty("role").GetString(), sentCall.GetProperty("functionCall").GetProperty("id").GetString()));
        Assert.Equal(call.AdditionalProperties!["thoughtSignature"], sentCall.GetProperty("thoughtSignature").GetString());
        var result = contents[2].GetProperty("parts")[0].GetProperty("functionResponse");
        Assert.Equal(("get_weather", "Sunny in Paris"), (result.GetProperty("name").GetString(), result.GetProperty("response").GetProperty("result").GetString()));
    }

    [Fact]
    public async Task A_history_whose_function_call_lost_its_signature_is_refused_as_Gemini_3_refuses_it()
    {
        await using var kie = await StartAsync();
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("fc_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("fc_1", "Sunny in Paris")]),
        ];

        var error = await Assert.ThrowsAsync<KieApiException>(() => Chat(kie).GetResponseAsync(history, new ChatOptions { Tools = [Weather()] }, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.HttpStatus);
        Assert.Contains("thoughtSignature", error.Message);
    }

    [Fact]
    public async Task A_generation_config_of_the_callers_own_is_merged_and_a_field_set_twice_is_refused()
    {
        await using var kie = await StartAsync();
        var thinking = JsonDocument.Parse("""{"thinkingConfig": {"includeThoughts": true, "thinkingLevel": "high"}, "temperature": 0.2}""").RootElement;

        await Chat(kie).GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 64, AdditionalProperties = new() { ["generationConfig"] = thinking.Clone() } }, Ct);
        var twice = await Assert.ThrowsAsync<ArgumentException>(() =>
            Chat(kie).GetResponseAsync("Hi", new ChatOptions { Temperature = 0.5f, AdditionalProperties = new() { ["generationConfig"] = thinking.Clone() } }, Ct));

        var generation = Assert.Single(Bodies(kie, Path)).GetProperty("generationConfig");
        Assert.Equal(64, generation.GetProperty("maxOutputTokens").GetInt32());
        Assert.Equal("high", generation.GetProperty("thinkingConfig").GetProperty("thinkingLevel").GetString());
        Assert.Contains("generationConfig.temperature", twice.Message);
    }

    [Fact]
    public async Task A_stream_answered_as_one_JSON_array_of_chunks_reads_as_one_response()
    {
        // Gemini's stream without SSE: one JSON array holding the chunks, served at the model's path by a real host.
        await using var host = await FakeFileHost.StartAsync(Ct);
        host.Serve(Path, Encoding.UTF8.GetBytes("""
            [{"candidates": [{"content": {"role": "model", "parts": [{"text": "Hello"}]}}], "responseId": "r-1"},
             {"candidates": [{"content": {"role": "model", "parts": [{"text": " there"}]}, "finishReason": "STOP"}],
              "usageMetadata": {"promptTokenCount": 5, "candidatesTokenCount": 2, "totalTokenCount": 7}, "responseId": "r-1"}]
            """), "application/json");
        using var kie = new KieClient(new KieClientOptions { ApiKey = "k", BaseAddress = host.Address });
        using var chat = new KieChatClient(kie, Model);

        var response = await chat.GetResponseAsync("Hello", cancellationToken: Ct);

        Assert.Equal("Hello there", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(7, response.Usage!.TotalTokenCount);
        Assert.Equal("r-1", response.ResponseId);
        Assert.Equal(("POST", "k"), (Assert.Single(host.Requests).Method, host.Requests[0].ApiKey));
    }
}
