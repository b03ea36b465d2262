using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KieGen.Client.Tests;

/// <summary>Bad options fail at start with a message naming the value, for AddKieClient and new KieClient alike.</summary>
public class OptionsValidationTests
{
    public static TheoryData<string, string> Broken => new()
    {
        { "callbacks without a key", "Kie:Callbacks:HmacKey is required when Kie:Callbacks:PublicBaseUrl is set" },
        { "http public URL", "Kie:Callbacks:PublicBaseUrl must use https outside development" },
        { "zero create limit", "Kie:CreateLimit must be at least 1" },
        { "negative status limit", "Kie:StatusLimitPerSecond must be at least 1" },
        { "zero request timeout", "Kie:RequestTimeout must be longer than zero" },
        { "zero wait timeout", "Kie:WaitTimeout must be longer than zero" },
        { "http API address", "Kie:BaseAddress must use https unless it is a local test server" },
        { "zero poll interval", "Kie:PollInterval must be longer than zero" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void New_KieClient_rejects_bad_options_naming_the_value(string what, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new KieClient(Options(what)));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void AddKieClient_validates_on_start_naming_the_value(string what, string message)
    {
        var services = new ServiceCollection();
        services.AddKieClient(o => Copy(Options(what), o));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Good_options_pass_including_loopback_http_and_an_allowed_development_tunnel()
    {
        using var local = new KieClient(new KieClientOptions { ApiKey = "k", BaseAddress = new Uri("http://127.0.0.1:5000/"), Callbacks = { PublicBaseUrl = new Uri("http://localhost:5001/"), HmacKey = "h" } });
        using var tunnel = new KieClient(new KieClientOptions { ApiKey = "k", Callbacks = { PublicBaseUrl = new Uri("http://dev.example.com/"), HmacKey = "h", AllowHttp = true } });
        Assert.NotNull(local);
        Assert.NotNull(tunnel);
    }

    private static KieClientOptions Options(string what)
    {
        var options = new KieClientOptions { ApiKey = "k" };
        switch (what)
        {
            case "callbacks without a key": options.Callbacks.PublicBaseUrl = new Uri("https://app.example.com/"); break;
            case "http public URL": options.Callbacks.PublicBaseUrl = new Uri("http://app.example.com/"); options.Callbacks.HmacKey = "h"; break;
            case "zero create limit": options.CreateLimit = 0; break;
            case "negative status limit": options.StatusLimitPerSecond = -1; break;
            case "zero request timeout": options.RequestTimeout = TimeSpan.Zero; break;
            case "zero wait timeout": options.WaitTimeout = TimeSpan.Zero; break;
            case "http API address": options.BaseAddress = new Uri("http://api.example.com/"); break;
            case "zero poll interval": options.PollInterval = TimeSpan.Zero; break;
        }

        return options;
    }

    private static void Copy(KieClientOptions from, KieClientOptions to)
    {
        to.ApiKey = from.ApiKey;
        to.BaseAddress = from.BaseAddress;
        to.CreateLimit = from.CreateLimit;
        to.StatusLimitPerSecond = from.StatusLimitPerSecond;
        to.RequestTimeout = from.RequestTimeout;
        to.WaitTimeout = from.WaitTimeout;
        to.PollInterval = from.PollInterval;
        to.Callbacks = from.Callbacks;
    }
}
