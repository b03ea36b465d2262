using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static KieGen.AI.Tests.ChatKit;

namespace KieGen.AI.Tests;

/// <summary>
/// KieChatClient inside Microsoft.Extensions.AI's own middleware (logging, OpenTelemetry, options, distributed
/// caching, function invocation), built with <see cref="ChatClientBuilder"/> against the fake Kie server.
/// </summary>
public class ChatPipelineTests
{
    private const string Model = "gemini-2.5-pro";
    private const string ChatPath = "/" + Model + "/v1/chat/completions";

    private static Task<Fixture> StartAsync() => Fixture.StartAsync(s => s.AddKieChatClient(Model));

    private static ChatClientBuilder Pipeline(Fixture kie) => kie.Services.GetRequiredService<IChatClient>().AsBuilder();

    [Fact]
    public async Task UseLogging_writes_the_request_and_Kies_answer_to_the_logger_factory()
    {
        await using var kie = await StartAsync();
        using var seen = new Observed();
        using var chat = Pipeline(kie).UseLogging(seen.Factory).Build();

        var response = await chat.GetResponseAsync("Hello there", cancellationToken: Ct);

        Assert.Equal("Fake answer to: Hello there", response.Text);
        var records = seen.Records.Where(r => r.Category == typeof(LoggingChatClient).FullName).ToList();
        Assert.Contains(records, r => r.Message.StartsWith("GetResponseAsync invoked", StringComparison.Ordinal) && r.Message.Contains("Hello there", StringComparison.Ordinal));
        var completed = Assert.Single(records, r => r.Message.StartsWith("GetResponseAsync completed", StringComparison.Ordinal));
        Assert.Contains("Fake answer to: Hello there", completed.Message, StringComparison.Ordinal);
        Assert.Contains("\"kie\"", Assert.Single(records, r => r.Message.StartsWith("GetResponseAsync invoked", StringComparison.Ordinal)).Message, StringComparison.Ordinal); // the client's metadata: provider name
    }

    [Fact]
    public async Task UseOpenTelemetry_records_a_chat_span_with_the_model_the_server_and_Kies_token_usage()
    {
        await using var kie = await StartAsync();
        using var seen = new Observed();
        using var chat = Pipeline(kie).UseOpenTelemetry(sourceName: seen.SourceName).Build();

        var response = await chat.GetResponseAsync("Hello there", cancellationToken: Ct);

        var span = Assert.Single(seen.Spans);
        Assert.Equal("chat " + Model, span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("kie", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(Model, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(Model, span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(response.ResponseId, span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(kie.Server.BaseAddress.Host, span.GetTagItem("server.address"));
        Assert.Equal(kie.Server.BaseAddress.Port, span.GetTagItem("server.port"));
        Assert.Equal("[\"stop\"]", span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(2, Convert.ToInt64(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture)); // "Hello there", as the fake counts words
        Assert.Equal(5, Convert.ToInt64(span.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(response.Usage!.InputTokenCount, Convert.ToInt64(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Streaming_through_logging_and_OpenTelemetry_delivers_every_update_and_the_streamed_usage()
    {
        await using var kie = await StartAsync();
        using var seen = new Observed();
        using var chat = Pipeline(kie).UseLogging(seen.Factory).UseOpenTelemetry(seen.Factory, seen.SourceName).Build();

        var updates = await StreamAsync(chat, [new ChatMessage(ChatRole.User, "Hello stream")]);

        Assert.Equal("Fake answer to: Hello stream", updates.ToChatResponse().Text);
        Assert.True(updates.Count(u => u.Text.Length > 0) > 1); // arrived in pieces, not gathered by the middleware
        Assert.True(Assert.Single(ChatBodies(kie)).GetProperty("stream").GetBoolean());
        var span = Assert.Single(seen.Spans);
        Assert.Equal(true, span.GetTagItem("gen_ai.request.stream"));
        Assert.Equal(5, Convert.ToInt64(span.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        var streamed = seen.Records.Where(r => r.Message.StartsWith("GetStreamingResponseAsync received update", StringComparison.Ordinal)).ToList();
        Assert.Equal(updates.Count, streamed.Count);
        Assert.Contains(seen.Records, r => r.Message == "GetStreamingResponseAsync completed.");
    }

    [Fact]
    public async Task ConfigureOptions_values_reach_the_body_Kie_receives()
    {
        await using var kie = await StartAsync();
        using var chat = Pipeline(kie)
            .ConfigureOptions(o =>
            {
                o.Temperature ??= 0.25f;
                o.MaxOutputTokens = 64;
                o.Instructions = "Answer in one line";
                (o.AdditionalProperties ??= [])["include_thoughts"] = false;
            })
            .Build();

        await chat.GetResponseAsync("Hello there", new ChatOptions { Temperature = 0.5f }, Ct);

        var body = Assert.Single(ChatBodies(kie));
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble(), 3); // the caller's value kept (??=)
        Assert.Equal(64, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.GetProperty("include_thoughts").GetBoolean());
        var system = body.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        Assert.Equal("Answer in one line", system.GetProperty("content").GetString());
    }

    [Fact]
    public async Task ConfigureOptions_naming_another_model_is_refused_by_the_client_before_anything_is_sent()
    {
        await using var kie = await StartAsync();
        using var chat = Pipeline(kie).ConfigureOptions(o => o.ModelId = "claude-sonnet-4-5").Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync("Hello there", cancellationToken: Ct));

        Assert.Contains("'claude-sonnet-4-5'", error.Message, StringComparison.Ordinal);
        Assert.Empty(ChatBodies(kie));
    }

    [Fact]
    public async Task UseDistributedCache_answers_a_repeated_request_from_the_cache_without_a_second_call_to_Kie()
    {
        await using var kie = await StartAsync();
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var chat = Pipeline(kie).UseDistributedCache(cache).Build();
        var options = new ChatOptions { Temperature = 0.5f };

        var first = await chat.GetResponseAsync("Hello there", options, Ct);
        var second = await chat.GetResponseAsync("Hello there", options, Ct);
        var other = await chat.GetResponseAsync("Hello again", options, Ct);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.ResponseId, second.ResponseId);
        Assert.Equal(first.Usage!.OutputTokenCount, second.Usage!.OutputTokenCount);
        Assert.Equal("Fake answer to: Hello again", other.Text);
        Assert.Equal(2, ChatBodies(kie).Count); // "Hello there" once, "Hello again" once
    }

    [Fact]
    public async Task UseDistributedCache_replays_a_cached_stream_without_a_second_call_to_Kie()
    {
        await using var kie = await StartAsync();
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var chat = Pipeline(kie).UseDistributedCache(cache).Build();

        var first = await StreamAsync(chat, [new ChatMessage(ChatRole.User, "Hello stream")]);
        var second = await StreamAsync(chat, [new ChatMessage(ChatRole.User, "Hello stream")]);

        Assert.Equal("Fake answer to: Hello stream", first.ToChatResponse().Text);
        Assert.Equal(first.ToChatResponse().Text, second.ToChatResponse().Text);
        Assert.Single(ChatBodies(kie));
    }

    [Fact]
    public async Task UseFunctionInvocation_runs_the_tool_Kie_asks_for_and_sends_its_result_back()
    {
        await using var kie = await StartAsync();
        using var chat = Pipeline(kie).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [Weather()], ToolMode = ChatToolMode.RequireSpecific("get_weather") };

        var response = await chat.GetResponseAsync("Weather in Paris?", options, Ct);

        // The fake asks for city "fake"; the middleware hands the function's return value over as JSON, sent as it is.
        Assert.Equal("The tool answered: \"Sunny in fake\"", response.Text);
        var bodies = ChatBodies(kie);
        Assert.Equal(2, bodies.Count);
        var toolMessage = bodies[1].GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        Assert.Equal("\"Sunny in fake\"", toolMessage.GetProperty("content").GetString());
        Assert.Contains(response.Messages.SelectMany(m => m.Contents), c => c is FunctionResultContent);
    }

    private static List<JsonElement> ChatBodies(Fixture kie) => Bodies(kie, ChatPath);
}
