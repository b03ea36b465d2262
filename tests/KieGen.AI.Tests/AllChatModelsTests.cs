using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static KieGen.AI.Tests.ChatKit;

namespace KieGen.AI.Tests;

/// <summary>Every chat model of Kie's list, whichever of the four protocols it speaks, answers whole and streamed.</summary>
public class AllChatModelsTests
{
    public static TheoryData<string> Models() => new(KieChatModel.All.Select(m => m.ModelId));

    [Theory]
    [MemberData(nameof(Models))]
    public async Task The_model_answers_whole_and_streamed_at_its_own_path(string modelId)
    {
        await using var kie = await Fixture.StartAsync(s => s.AddKieChatClient(modelId));
        var chat = kie.Services.GetRequiredService<IChatClient>();

        var whole = await chat.GetResponseAsync("Hello there", cancellationToken: Ct);
        var streamed = (await StreamAsync(chat, [new ChatMessage(ChatRole.User, "Hello there")])).ToChatResponse();

        foreach (var response in new[] { whole, streamed })
        {
            Assert.Equal("Fake answer to: Hello there", response.Text);
            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
            Assert.Equal(2 + 5, response.Usage!.TotalTokenCount);
        }

        var path = KieChatModel.Get(modelId).Path;
        Assert.Equal(2, Bodies(kie, path).Count);
    }
}
