using System.Text.Json;
using KieGen.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static KieGen.AI.Tests.ChatKit;

namespace KieGen.AI.Tests;

/// <summary>IChatClient over Kie's OpenAI chat-completions models, against the fake Kie server's chat endpoint.</summary>
public class ChatClientTests
{
    private const string Model = "gemini-2.5-pro";

    private static Task<Fixture> StartAsync() => Fixture.StartAsync(s => s.AddKieChatClient(Model));

    private static IChatClient Chat(Fixture kie) => kie.Services.GetRequiredService<IChatClient>();

    private static List<JsonElement> ChatBodies(Fixture kie) => Bodies(kie, "/" + Model + "/v1/chat/completions");

    [Fact]
    public async Task Non_streaming_answer_has_text_finish_reason_and_usage()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);

        var response = await chat.GetResponseAsync("Hello there", new ChatOptions { Temperature = 0.5f, Instructions = "Be brief" }, Ct);

        Assert.Equal("Fake answer to: Hello there", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(Model, response.ModelId);
        Assert.Equal(4, response.Usage!.InputTokenCount); // "Be brief" + "Hello there"
        Assert.Equal(5, response.Usage.OutputTokenCount); // words, as the fake counts them
        Assert.Equal(9, response.Usage.TotalTokenCount);
        var body = Assert.Single(ChatBodies(kie));
        Assert.False(body.GetProperty("stream").GetBoolean());
        Assert.False(body.TryGetProperty("model", out _)); // the path selects the model
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal("system", body.GetProperty("messages")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Non_streaming_tool_call_round_trip()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);
        var options = new ChatOptions { Tools = [Weather()], ToolMode = ChatToolMode.RequireSpecific("get_weather") };
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?")];

        var first = await chat.GetResponseAsync(history, options, Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(first.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent));
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("fake", call.Arguments!["city"]?.ToString());
        var sentFirst = Assert.Single(ChatBodies(kie));
        Assert.Equal("get_weather", sentFirst.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("get_weather", sentFirst.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());

        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "Sunny in Paris")]));
        var second = await chat.GetResponseAsync(history, options, Ct);

        Assert.Equal("The tool answered: Sunny in Paris", second.Text);
        var sent = ChatBodies(kie).Last().GetProperty("messages");
        Assert.Equal(call.CallId, sent[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal(call.CallId, sent[2].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task Streaming_answer_arrives_in_pieces_with_usage_at_the_end()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("Tell me a story", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count(u => u.Text.Length > 0) > 1);
        var response = updates.ToChatResponse();
        Assert.Equal("Fake answer to: Tell me a story", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(4 + 7, response.Usage!.TotalTokenCount);
        Assert.True(Assert.Single(ChatBodies(kie)).GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Streaming_tool_call_is_assembled_from_its_pieces()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("Weather in Paris?", new ChatOptions { Tools = [Weather()] }, Ct))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent));
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("call_fake_1", call.CallId);
        Assert.Equal("fake", call.Arguments!["city"]?.ToString());
    }

    [Fact]
    public async Task An_error_mid_stream_surfaces_as_a_KieApiException_after_the_pieces_before_it()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);
        kie.Server.FailNextChatStream(chunks: 2);

        var received = new List<ChatResponseUpdate>();
        var error = await Assert.ThrowsAsync<KieApiException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync("Tell me a story", cancellationToken: Ct))
            {
                received.Add(update);
            }
        });

        Assert.Equal(2, received.Count);
        Assert.Equal(500, error.Code);
        Assert.Contains("mid-stream", error.Message);
        Assert.Contains(Model, error.Message);
    }

    [Fact]
    public async Task Reasoning_maps_to_Kies_reasoning_effort_and_include_thoughts_and_an_effort_Kie_lacks_is_refused()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);

        await chat.GetResponseAsync("Hi", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low, Output = ReasoningOutput.None } }, Ct);
        var medium = await Assert.ThrowsAsync<ArgumentException>(() =>
            chat.GetResponseAsync("Hi", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium } }, Ct));

        var body = Assert.Single(ChatBodies(kie));
        Assert.Equal("low", body.GetProperty("reasoning_effort").GetString());
        Assert.False(body.GetProperty("include_thoughts").GetBoolean());
        Assert.Contains(Model, medium.Message);
        Assert.Contains("Medium", medium.Message);
    }

    [Fact]
    public async Task A_field_set_by_an_option_and_again_in_AdditionalProperties_is_refused_and_nothing_is_sent()
    {
        await using var kie = await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Chat(kie).GetResponseAsync("Hi",
            new ChatOptions { Temperature = 0.5f, AdditionalProperties = new() { ["temperature"] = 0.9 } }, Ct));

        Assert.Contains("'temperature'", error.Message);
        Assert.Empty(ChatBodies(kie));
    }
}
