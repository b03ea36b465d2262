using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Tasks;

namespace KieGen.Client;

public partial class KieClient
{
    /// <summary>
    /// The status call, with transport and parse failures (no connection, no answer in time, a body that is not Kie's
    /// JSON, such as an HTML error page with HTTP 200) turned into <see cref="KieTransportException"/>: a status read
    /// is safe to repeat, and callers see only the documented types.
    /// </summary>
    private async Task<KieEnvelope> ReadStatusAsync(KieTask task, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, _options.BaseAddress, task.StatusPath, "?taskId=" + Uri.EscapeDataString(task.TaskId), null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TimeoutException)
        {
            var what = e switch
            {
                TimeoutException => "Kie did not answer in time",
                JsonException => "Kie's answer is not its JSON envelope",
                _ => "Kie could not be reached",
            };
            throw new KieTransportException($"Reading the status of task {task.TaskId} failed: {what} ({e.Message})", (e as KieEnvelopeException)?.HttpStatus, task.TaskId, e);
        }
    }
}
