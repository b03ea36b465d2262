using System.Text.Json;
using Microsoft.Extensions.AI;

namespace KieGen.AI.Tests;

/// <summary>What the chat tests of every protocol share: a tool, the bodies the fake received, a whole stream.</summary>
internal static class ChatKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static AIFunction Weather() =>
        AIFunctionFactory.Create((string city) => "Sunny in " + city, "get_weather", "The weather in a city");

    /// <summary>The JSON bodies this test's key sent to a chat path, in order.</summary>
    public static List<JsonElement> Bodies(Fixture kie, string path) =>
        kie.Server.Requests.Where(r => r.ApiKey == kie.Key && r.Path == path)
            .Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).ToList();

    public static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient chat, IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(messages, options, Ct))
        {
            updates.Add(update);
        }

        return updates;
    }

    public static FunctionCallContent SingleCall(ChatResponse response) =>
        Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent));
}
