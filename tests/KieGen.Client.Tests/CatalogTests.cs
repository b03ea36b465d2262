using KieGen.Client.Tests.Infrastructure;

namespace KieGen.Client.Tests;

public class CatalogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Models_are_listed_with_filters_and_typed_fields()
    {
        await using var h = await Harness.StartAsync();
        var all = await h.DriveAsync(h.Client.ListModelsAsync(cancellationToken: Ct));
        Assert.Equal(all.Total, all.Models.Count);
        Assert.True(all.Total > 150, $"only {all.Total} models");
        var kling = Assert.Single(all.Models, m => m.Model == "kling-3.0/motion-control");
        Assert.Equal(("kling-3.0-motion-control", "kling"), (kling.Slug, kling.Provider));
        Assert.Equal(["Text to Video"], kling.TaskTypes);
        Assert.Equal("1 credits per task", kling.PricingDescription);
        Assert.DoesNotContain(all.Models, m => m.Model == "midjourney/generate"); // retired: not in the live catalog

        var music = await h.DriveAsync(h.Client.ListModelsAsync(new KieModelQuery(TaskTypes: ["Text to Music", "Text to Lyrics"]), Ct));
        Assert.NotEmpty(music.Models);
        Assert.All(music.Models, m => Assert.Contains(m.TaskTypes[0], new[] { "Text to Music", "Text to Lyrics" }));

        var none = await h.DriveAsync(h.Client.ListModelsAsync(new KieModelQuery(Provider: "kling", Query: "no such words anywhere"), Ct));
        Assert.Equal((0, 0), (none.Total, none.Models.Count));
        Assert.Contains(h.Server.Requests, r => r.Url == "/api/v1/models?taskType=Text%20to%20Music%2CText%20to%20Lyrics");
    }

    [Fact]
    public async Task A_schema_is_read_as_a_document_or_as_the_exact_bytes_and_null_when_not_synced()
    {
        await using var h = await Harness.StartAsync(s => s.UnsyncedSchemas.Add("google/imagen4"));
        var before = h.Clock.GetUtcNow();
        using var schema = await h.DriveAsync(h.Client.GetModelSchemaAsync("kling-3.0/motion-control", Ct));
        Assert.Equal("3.1.0", schema.OpenApi!.RootElement.GetProperty("openapi").GetString());
        Assert.Equal(new Uri(h.Server.BaseAddress, "api/v1/models/kling-3.0/motion-control/schema"), schema.Source);
        // Stamped on the client's clock; the driver may step that clock while the call ends, so a range, not a value.
        Assert.InRange(schema.RetrievedAt, before, h.Clock.GetUtcNow());
        // The '/' of the id is sent as is.
        Assert.Contains(h.Server.Requests, r => r.Url == "/api/v1/models/kling-3.0/motion-control/schema");

        var bytes = await h.DriveAsync(h.Client.GetModelSchemaUtf8Async("kling-3.0/motion-control", Ct));
        using var again = JsonDocument.Parse(bytes!);
        Assert.Equal(schema.OpenApi.RootElement.GetRawText(), again.RootElement.GetRawText());

        using var unsynced = await h.DriveAsync(h.Client.GetModelSchemaAsync("google/imagen4", Ct));
        Assert.Null(unsynced.OpenApi);
        Assert.Null(await h.DriveAsync(h.Client.GetModelSchemaUtf8Async("google/imagen4", Ct)));
    }

    [Fact]
    public async Task Price_and_success_rate_are_typed_with_null_rates_for_quiet_buckets()
    {
        await using var h = await Harness.StartAsync(s => s.CreditsPerTask = 2.5m);
        var price = await h.DriveAsync(h.Client.GetModelPriceAsync("google/imagen4", Ct));
        Assert.Equal(new KieModelPrice("google/imagen4", "2.5 credits per task"), price);

        var rate = await h.DriveAsync(h.Client.GetModelSuccessRateAsync("google/imagen4", Ct));
        Assert.Equal(144, rate.Points.Count);
        Assert.Contains(rate.Points, p => p.SuccessRate is null && p.ErrorRate is null);
        Assert.All(rate.Points, p => Assert.Equal(TimeSpan.FromMinutes(10), p.End - p.Start));
        Assert.Contains(rate.Points, p => p.SuccessRate is > 0.8 and <= 1);
    }

    [Fact]
    public async Task An_unknown_model_is_a_not_found_error()
    {
        await using var h = await Harness.StartAsync();
        var e = await Assert.ThrowsAsync<KieNotFoundException>(() => h.DriveAsync(h.Client.GetModelPriceAsync("no/such-model", Ct)));
        Assert.Contains("no/such-model", e.Message);
    }

    [Fact]
    public async Task Discovery_calls_share_one_request_per_second_per_key_across_clients()
    {
        await using var h = await Harness.StartAsync();
        using var other = h.NewClient();
        var calls = new[]
        {
            h.Client.GetModelPriceAsync("google/imagen4", Ct),
            other.GetModelPriceAsync("google/imagen4", Ct),
            h.Client.GetModelSuccessRateAsync("google/imagen4", Ct).ContinueWith(t => new KieModelPrice(t.Result.Model, null), TaskScheduler.Default),
            other.ListModelsAsync(new KieModelQuery(Query: "imagen4"), Ct).ContinueWith(t => new KieModelPrice(t.Result.Models[0].Model, null), TaskScheduler.Default),
        };
        await h.DriveAsync(Task.WhenAll(calls));
        var times = h.Server.Requests.Where(r => r.Path.StartsWith("/api/v1/models", StringComparison.Ordinal)).Select(r => r.ReceivedAt).Order().ToArray();
        Assert.Equal(4, times.Length);
        for (var i = 1; i < times.Length; i++)
        {
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(1), $"calls {i} and {i + 1} were {times[i] - times[i - 1]} apart");
        }
    }

    [Fact]
    public async Task The_servers_limit_is_answered_with_body_code_429_and_the_client_retries_the_read_after_it()
    {
        await using var h = await Harness.StartAsync();
        await TakeTheServersSecondAsync(h);

        // The client's own gate only spaces its own calls: its first call in the same second meets the server's
        // limit, and being a read it is retried after the backoff instead of failing.
        var price = await h.DriveAsync(h.Client.GetModelPriceAsync("google/imagen4", Ct));
        Assert.Equal("google/imagen4", price.Model);
        var calls = h.Server.Requests.Where(r => r.Path == "/api/v1/models/google/imagen4/price").Select(r => r.ReceivedAt).ToArray();
        Assert.Equal(4, calls.Length); // two from the plain HttpClient, then the client's 429 and its retry
        Assert.True(calls[3] - calls[2] >= TimeSpan.FromMilliseconds(400), $"the retry came {calls[3] - calls[2]} after the 429");
    }

    [Fact]
    public async Task A_429_beyond_the_retries_is_raised_as_rate_limited()
    {
        await using var h = await Harness.StartAsync(client: o => o.SubmitRetries = 0);
        await TakeTheServersSecondAsync(h);
        await Assert.ThrowsAsync<KieRateLimitedException>(() => h.DriveAsync(h.Client.GetModelPriceAsync("google/imagen4", Ct)));
    }

    /// <summary>Spends the key's one discovery call of this second outside the client and proves the next gets body code 429.</summary>
    private static async Task TakeTheServersSecondAsync(Harness h)
    {
        using var http = new HttpClient { BaseAddress = h.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", h.Key);
        await http.GetStringAsync("api/v1/models/google/imagen4/price", Ct);
        var second = await http.GetAsync("api/v1/models/google/imagen4/price", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, second.StatusCode);
        using var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(429, body.RootElement.GetProperty("code").GetInt32());
    }
}
