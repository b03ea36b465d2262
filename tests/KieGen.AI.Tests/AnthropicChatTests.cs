using System.Text.Json;
using KieGen.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static KieGen.AI.Tests.ChatKit;

namespace KieGen.AI.Tests;

/// <summary>IChatClient over Kie's Claude models (Anthropic Messages), against the fake Kie server.</summary>
public class AnthropicChatTests
{
    private const string Model = "claude-sonnet-4-6";

    private static Task<Fixture> StartAsync() => Fixture.StartAsync(s => s.AddKeyedKieChatClient("claude", Model));

    private static IChatClient Chat(Fixture kie) => kie.Services.GetRequiredKeyedService<IChatClient>("claude");

    private static List<JsonElement> Bodies(Fixture kie) => ChatKit.Bodies(kie, "/claude/v1/messages");

    [Fact]
    public async Task Non_streaming_answer_names_the_model_in_the_body_and_reads_text_and_usage()
    {
        await using var kie = await StartAsync();

        var response = await Chat(kie).GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief"), new ChatMessage(ChatRole.User, "Hello there")],
            new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }, Ct);

        Assert.Equal("Fake answer to: Hello there", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(4, response.Usage!.InputTokenCount);
        Assert.Equal(9, response.Usage.TotalTokenCount);
        var body = Assert.Single(Bodies(kie));
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.Equal("Be brief", body.GetProperty("system").GetString());
        Assert.Equal(4096, body.GetProperty("max_tokens").GetInt32());
        Assert.True(body.GetProperty("thinkingFlag").GetBoolean()); // Kie's one switch for extended thinking
        Assert.Equal("user", Assert.Single(body.GetProperty("messages").EnumerateArray()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Streaming_tool_use_is_assembled_and_its_result_goes_back_as_a_tool_result_block()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);
        var options = new ChatOptions { Tools = [Weather()] };
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?")];

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(history, options, Ct))
        {
            updates.Add(update);
        }

        var first = updates.ToChatResponse();
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(first.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent));
        Assert.Equal(("toolu_fake_1", "get_weather", "fake"), (call.CallId, call.Name, call.Arguments!["city"]?.ToString()));
        Assert.Equal("get_weather", Bodies(kie)[0].GetProperty("tools")[0].GetProperty("name").GetString());

        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "Sunny in Paris")]));
        var second = await chat.GetResponseAsync(history, options, Ct);

        Assert.Equal("The tool answered: Sunny in Paris", second.Text);
        var sent = Bodies(kie)[1].GetProperty("messages");
        Assert.Equal("tool_use", sent[1].GetProperty("content")[0].GetProperty("type").GetString());
        var result = sent[2].GetProperty("content")[0];
        Assert.Equal(("user", "tool_result", call.CallId), (sent[2].GetProperty("role").GetString(), result.GetProperty("type").GetString(), result.GetProperty("tool_use_id").GetString()));
    }

    [Fact]
    public async Task Streaming_text_and_an_error_event_mid_stream()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);

        var text = new System.Text.StringBuilder();
        await foreach (var update in chat.GetStreamingResponseAsync("Tell me a story", cancellationToken: Ct))
        {
            text.Append(update.Text);
        }

        Assert.Equal("Fake answer to: Tell me a story", text.ToString());

        kie.Server.FailNextChatStream(chunks: 3);
        var error = await Assert.ThrowsAsync<KieApiException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync("Tell me a story", cancellationToken: Ct))
            {
            }
        });
        Assert.Contains("mid-stream", error.Message);
        Assert.Contains(Model, error.Message);
    }
}
