using KieGen.Client.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KieGen.Client.Tests;

public class ConfigurationAndSafetyTests
{
    [Fact]
    public async Task AddKieClient_binds_the_Kie_section_and_returns_the_http_client_builder()
    {
        await using var h = await Harness.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kie:ApiKey"] = h.Key,
            ["Kie:BaseAddress"] = h.Server.BaseAddress.ToString(),
            ["Kie:CreateLimit"] = "7",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        var builder = services.AddKieClient(o => o.RequestTimeout = TimeSpan.FromSeconds(9));
        Assert.Equal(KieClient.HttpClientName, builder.Name);

        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<KieClient>();
        Assert.Equal((h.Server.BaseAddress, 7, TimeSpan.FromSeconds(9)), (client.Options.BaseAddress, client.Options.CreateLimit, client.Options.RequestTimeout));
        Assert.Equal(10_000m, await client.GetCreditsAsync(TestContext.Current.CancellationToken));
        Assert.Same(client, provider.GetRequiredService<KieClient>());
    }

    [Fact]
    public void Without_a_key_anywhere_the_client_says_where_to_put_one()
    {
        var previous = Environment.GetEnvironmentVariable(KieClientOptions.ApiKeyVariable);
        Environment.SetEnvironmentVariable(KieClientOptions.ApiKeyVariable, null);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => new KieClient(new KieClientOptions()));
            Assert.Contains("KIE_API_KEY", error.Message);
            Assert.Contains("Kie:ApiKey", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KieClientOptions.ApiKeyVariable, previous);
        }
    }

    [Fact]
    public async Task The_key_appears_in_no_log_line_exception_text_url_or_ToString()
    {
        await using var h = await Harness.StartAsync(client: o => o.SubmitRetries = 1);
        var failures = new List<Exception>();
        async Task Capture(Func<Task> action)
        {
            try
            {
                await h.DriveAsync(action());
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        h.Server.InjectFault(Fault.TooManyRequests());
        h.Server.InjectFault(Fault.TooManyRequests());
        await Capture(() => h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));
        h.Server.InjectFault(Fault.ResetAfterProcessing());
        await Capture(() => h.Client.SubmitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));
        h.Server.ScriptNextTask(TaskScript.Failing());
        await Capture(() => h.Client.SubmitAndWaitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));
        await Capture(() => h.Client.SubmitAndWaitAsync(Sample.Kling(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(3, failures.Count);
        Assert.NotEmpty(h.Logs.Lines);
        var texts = h.Logs.Lines.Concat(failures.Select(f => f.ToString())).Append(h.Client.ToString()).Append(h.Options.ToString());
        Assert.DoesNotContain(texts, t => t.Contains(h.Key, StringComparison.Ordinal));
        Assert.DoesNotContain(h.Server.Requests, r => r.Url.Contains(h.Key, StringComparison.Ordinal));
        Assert.All(h.Server.Requests.Where(r => !r.Path.StartsWith("/files/", StringComparison.Ordinal)), r => Assert.Equal(h.Key, r.ApiKey));
    }
}
