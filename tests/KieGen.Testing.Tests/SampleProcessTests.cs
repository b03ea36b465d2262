using System.Diagnostics;
using System.Net.Sockets;
using KieGen.Testing.Tests.Infrastructure;

namespace KieGen.Testing.Tests;

/// <summary>
/// Every sample stops promptly on Ctrl+C (SIGINT) and SIGTERM, the embedded fake Kie server included, and the short ones run to their end:
/// started as a real process, signalled once it is busy, and waited on (not slept on) for at most 5 s.
/// </summary>
public class SampleProcessTests
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task The_main_sample_ends_mid_run_instead_of_running_on_to_done(string signal, int conventionalExitCode)
    {
        var (code, output) = await RunUntilSignalledAsync("KieGen.Sample", "Submitting nano-banana-2", signal);
        Assert.True(code == conventionalExitCode, $"exit code {code}:\n{output}");
        Assert.DoesNotContain("Done.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task The_fake_server_program_stops_cleanly_with_exit_code_0(string signal)
    {
        var (code, output) = await RunUntilSignalledAsync("KieGen.FakeServer", "stops.", signal);
        Assert.True(code == 0, $"exit code {code}:\n{output}");
        Assert.Contains("Stopped after", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task The_webhook_sample_and_its_embedded_fake_server_stop_with_exit_code_0(string signal)
    {
        var (code, output) = await RunUntilSignalledAsync("KieGen.WebhookSample", "Demo: submitted", signal, "--urls", $"http://127.0.0.1:{FreePort()}");
        Assert.True(code == 0, $"exit code {code}:\n{output}");
    }

    [Theory]
    [InlineData("KieGen.CustomModel", "acme/upscale-v2:", "Result:", "TERM", 143)]
    [InlineData("KieGen.CustomModel", "acme/upscale-v2:", "Result:", "INT", 130)]
    [InlineData("KieGen.AISample", "Image (", "Chat (", "TERM", 143)]
    [InlineData("KieGen.AISample", "Image (", "Chat (", "INT", 130)]
    public async Task The_short_samples_end_mid_run_on_a_signal(string sample, string busyMarker, string laterLine, string signal, int conventionalExitCode)
    {
        var (code, output) = await RunUntilSignalledAsync(sample, busyMarker, signal);
        Assert.True(code == conventionalExitCode, $"exit code {code}:\n{output}");
        Assert.DoesNotContain(laterLine, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KieGen.CustomModel", new[] { "acme/upscale-v2: {\"model\":\"acme/upscale-v2\"", "Result: http", "Models generated in this project: acme/upscale-v2" })]
    [InlineData("KieGen.AISample", new[] { "Calling the local fake Kie server", "Image (z-image) ...", "  http", "(image/", "Chat (gemini-2.5-pro), streamed:", "Fake answer to: Describe a lighthouse at dusk in one sentence." })]
    public async Task The_short_samples_run_to_their_end_against_the_embedded_fake_server(string sample, string[] lines)
    {
        var folder = Directory.CreateTempSubdirectory("kiegen-sample-").FullName;
        try
        {
            using var process = SampleProcess.Start(sample, folder);
            var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(code == 0, $"exit code {code}:\n{process.Output}");
            Assert.All(lines, line => Assert.Contains(line, process.Output, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_webhook_sample_answers_bad_input_and_bad_tokens_with_a_400_problem()
    {
        var folder = Directory.CreateTempSubdirectory("kiegen-sample-").FullName;
        try
        {
            var address = $"http://127.0.0.1:{FreePort()}/";
            using var process = SampleProcess.Start("KieGen.WebhookSample", folder, "--urls", address);
            var listening = process.WaitForLineAsync("Listening on");
            Assert.True(await Task.WhenAny(listening, process.WaitForExitAsync(TimeSpan.FromMinutes(2))) == listening, process.Output);
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            using var invalid = await http.PostAsync("images", new StringContent("""{"aspect_ratio":"7:3","bogus":1}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
            var errors = (await Kie.ReadAsync(invalid)).GetProperty("errors");
            Assert.Equal(new[] { "aspect_ratio", "bogus", "prompt" }, errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));

            using var malformed = await http.PostAsync("images", new StringContent("""{"prompt":""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal("The body is not valid JSON.", (await Kie.ReadAsync(malformed)).GetProperty("title").GetString());

            using var badToken = await http.GetAsync("tasks/not-a-token", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, badToken.StatusCode);
            Assert.Equal("The token is not a KieGen task token.", (await Kie.ReadAsync(badToken)).GetProperty("title").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int? ExitCode, string Output)> RunUntilSignalledAsync(string sample, string busyMarker, string signal, params string[] arguments)
    {
        var folder = Directory.CreateTempSubdirectory("kiegen-sample-").FullName;
        try
        {
            using var process = SampleProcess.Start(sample, folder, arguments);
            var busy = process.WaitForLineAsync(busyMarker);
            var exited = process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(await Task.WhenAny(busy, exited) == busy, $"{sample} ended before printing '{busyMarker}':\n{process.Output}");

            await process.SignalAsync(signal);
            var stopwatch = Stopwatch.StartNew();
            var code = await process.WaitForExitAsync(StopLimit);
            Assert.True(code is not null, $"{sample} still running {StopLimit.TotalSeconds} s after SIG{signal}:\n{process.Output}");
            TestContext.Current.SendDiagnosticMessage($"{sample} stopped {stopwatch.ElapsedMilliseconds} ms after SIG{signal} with exit code {code}");
            return (code, process.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
