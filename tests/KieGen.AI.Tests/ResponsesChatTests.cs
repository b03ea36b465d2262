using KieGen.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static KieGen.AI.Tests.ChatKit;

namespace KieGen.AI.Tests;

/// <summary>IChatClient over Kie's OpenAI Responses models (GPT 5.5 and later, Grok, Kimi), against the fake Kie server.</summary>
public class ResponsesChatTests
{
    private const string Model = "gpt-5-5";
    private const string Path = "/codex/v1/responses";

    private static Task<Fixture> StartAsync() => Fixture.StartAsync(s => s.AddKeyedKieChatClient("gpt", Model));

    private static IChatClient Chat(Fixture kie) => kie.Services.GetRequiredKeyedService<IChatClient>("gpt");

    [Fact]
    public async Task Non_streaming_answer_names_the_model_sends_input_items_and_reads_output_and_usage()
    {
        await using var kie = await StartAsync();

        var response = await Chat(kie).GetResponseAsync("Hello there",
            new ChatOptions { Instructions = "Be brief", MaxOutputTokens = 200, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }, Ct);

        Assert.Equal("Fake answer to: Hello there", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal((4L, 5L, 9L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        Assert.Equal("resp_fake_1", response.ResponseId);
        var body = Assert.Single(Bodies(kie, Path));
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.False(body.GetProperty("stream").GetBoolean());
        Assert.Equal(200, body.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal("high", body.GetProperty("reasoning").GetProperty("effort").GetString());
        var input = body.GetProperty("input");
        Assert.Equal(("system", "input_text", "Be brief"), (input[0].GetProperty("role").GetString(), input[0].GetProperty("content")[0].GetProperty("type").GetString(), input[0].GetProperty("content")[0].GetProperty("text").GetString()));
        Assert.Equal(("user", "Hello there"), (input[1].GetProperty("role").GetString(), input[1].GetProperty("content")[0].GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Streaming_text_arrives_in_pieces_with_the_usage_from_response_completed()
    {
        await using var kie = await StartAsync();

        var updates = await StreamAsync(Chat(kie), [new ChatMessage(ChatRole.User, "Tell me a story")]);

        Assert.True(updates.Count(u => u.Text.Length > 0) > 1);
        var response = updates.ToChatResponse();
        Assert.Equal("Fake answer to: Tell me a story", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(4 + 7, response.Usage!.TotalTokenCount);
        Assert.Single(response.Messages);
        Assert.True(Assert.Single(Bodies(kie, Path)).GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Streamed_function_call_is_assembled_and_its_output_goes_back_as_an_item_of_its_own()
    {
        await using var kie = await StartAsync();
        var chat = Chat(kie);
        var options = new ChatOptions { Tools = [Weather()], ToolMode = ChatToolMode.RequireSpecific("get_weather") };
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?")];

        var first = (await StreamAsync(chat, history, options)).ToChatResponse();

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = SingleCall(first);
        Assert.Equal(("call_fake_1", "get_weather", "fake"), (call.CallId, call.Name, call.Arguments!["city"]?.ToString()));
        var sent = Bodies(kie, Path)[0];
        var tool = sent.GetProperty("tools")[0];
        Assert.Equal(("function", "get_weather"), (tool.GetProperty("type").GetString(), tool.GetProperty("name").GetString()));
        Assert.Equal("get_weather", sent.GetProperty("tool_choice").GetProperty("name").GetString());

        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "Sunny in Paris")]));
        var second = await chat.GetResponseAsync(history, options, Ct);

        Assert.Equal("The tool answered: Sunny in Paris", second.Text);
        var input = Bodies(kie, Path)[1].GetProperty("input");
        Assert.Equal(("function_call", call.CallId), (input[1].GetProperty("type").GetString(), input[1].GetProperty("call_id").GetString()));
        Assert.Equal(("function_call_output", call.CallId, "Sunny in Paris"),
            (input[2].GetProperty("type").GetString(), input[2].GetProperty("call_id").GetString(), input[2].GetProperty("output").GetString()));
    }

    [Fact]
    public async Task An_error_event_mid_stream_surfaces_as_a_KieApiException_after_the_pieces_before_it()
    {
        await using var kie = await StartAsync();
        kie.Server.FailNextChatStream(chunks: 3);

        var received = new List<ChatResponseUpdate>();
        var error = await Assert.ThrowsAsync<KieApiException>(async () =>
        {
            await foreach (var update in Chat(kie).GetStreamingResponseAsync("Tell me a story", cancellationToken: Ct))
            {
                received.Add(update);
            }
        });

        Assert.Equal("Fake", string.Concat(received.Select(u => u.Text)));
        Assert.Contains("mid-stream", error.Message);
        Assert.Contains(Model, error.Message);
    }

    [Fact]
    public async Task An_option_the_protocol_has_no_field_for_is_refused_by_name_and_nothing_is_sent()
    {
        await using var kie = await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Chat(kie).GetResponseAsync("Hi", new ChatOptions { StopSequences = ["END"] }, Ct));

        Assert.Contains(Model, error.Message);
        Assert.Contains(nameof(ChatOptions.StopSequences), error.Message);
        Assert.Empty(Bodies(kie, Path));
    }
}
