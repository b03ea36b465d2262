using KieGen.Client.Tests.Infrastructure;

namespace KieGen.Client.Tests;

/// <summary>Status reads and waits surface only the documented exception types, whatever the wire does.</summary>
public class TypedErrorTests
{
    private const string Status = "/api/v1/jobs/recordInfo";

    [Fact]
    public async Task An_html_page_with_http_200_on_a_status_read_is_a_transport_error_that_keeps_the_parse_error()
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        h.Server.InjectFault(Fault.HtmlErrorPage(Status));

        var error = await Assert.ThrowsAsync<KieTransportException>(() => h.Client.GetStatusAsync(task, TestContext.Current.CancellationToken));
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.Equal(HttpStatusCode.OK, error.HttpStatus);
        Assert.Equal(task.TaskId, error.TaskId);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cut_off_status_body_is_a_transport_error()
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        h.Server.InjectFault(new Fault(FaultKind.TruncatedJson) { PathPrefix = Status });

        var error = await Assert.ThrowsAsync<KieTransportException>(() => h.Client.GetStatusAsync(task, TestContext.Current.CancellationToken));
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task An_unreachable_kie_on_a_status_read_is_a_transport_error_that_keeps_the_http_error()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused.
        using var client = new KieClient(new KieClientOptions { ApiKey = "k", BaseAddress = new Uri("http://127.0.0.1:1/") });
        var error = await Assert.ThrowsAsync<KieTransportException>(() => client.GetStatusAsync(KieModelFactory.Task(), TestContext.Current.CancellationToken));
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Null(error.HttpStatus);
    }

    [Fact]
    public async Task A_wait_that_only_ever_gets_html_pages_ends_in_a_transport_error_after_its_retries()
    {
        await using var h = await Harness.StartAsync(s => s.RandomFaults = new RandomFaults(1, [Fault.HtmlErrorPage(Status)]));
        var task = await h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<KieTransportException>(() => h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken)));
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.Equal(9, h.Server.Requests.Count(r => r.Path == Status)); // the first poll and 8 retries
        Assert.Single(h.Server.Tasks);
    }
}
