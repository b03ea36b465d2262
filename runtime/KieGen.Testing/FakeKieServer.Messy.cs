using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace KieGen.Testing;

/// <summary>
/// The ways Kie is messier than its documentation, each switched on by an option or a fault: tasks not visible right
/// after their create call, failure codes in a status reply's body, errors with HTTP 200, HTML error pages, result
/// files on a separate host with expiring signed links, and follow-up operations on unknown or unfinished parents.
/// </summary>
public sealed partial class FakeKieServer
{
    private readonly byte[] _linkKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>The separate file host's address when <see cref="FakeKieOptions.SeparateFileHost"/> is on; else null.</summary>
    public Uri? FileHostAddress { get; private set; }

    /// <summary>Status of a task inside its not-visible window, or hit by <see cref="FaultKind.NotYetVisible"/>.</summary>
    private Reply? NotVisible(FakeTask task, DateTimeOffset now, Fault? fault)
    {
        if (fault?.Kind != FaultKind.NotYetVisible && now - task.CreatedAt >= _options.NotVisibleFor)
        {
            return null;
        }

        var code = fault?.Kind == FaultKind.NotYetVisible ? 422 : _options.NotVisibleCode;
        return Reply.Error(code, code == 404 ? "Task not found" : "recordInfo is null");
    }

    /// <summary>A failed task's status with <see cref="FakeKieOptions.FailedTaskStatusCode"/> in the body, HTTP 200.</summary>
    private Reply? FailedTaskStatus(FakeTask task, DateTimeOffset now, FailCodeStyle failCode) =>
        _options.FailedTaskStatusCode is { } code && task.StateAt(now) == FakeTaskState.Fail
            ? new Reply(200, code, "Playground task failed.", w => FamilyShapes.WriteStatus(w, task, now, failCode, _options.Shape))
            : null;

    /// <summary>An HTML page (a proxy's) or an envelope with an error code, both with HTTP 200.</summary>
    private static async Task WriteMessyAsync(HttpContext context, Fault fault, bool upload)
    {
        context.Response.StatusCode = 200;
        if (fault.Kind == FaultKind.HtmlErrorPage)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        var reply = Reply.Error(fault.StatusCode, fault.StatusCode == 455 ? "Service unavailable: the system is under maintenance" : "Internal server error", 200) with { UploadStyle = upload };
        await context.Response.Body.WriteAsync(reply.Body(false), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// A fault on a result-file download (only faults aimed at <c>/files/</c> by their path prefix): an error status,
    /// a reset, a slow answer, a body cut off halfway, or an HTML page; other kinds stay queued (they do not apply to
    /// files). True when the fault answered the request.
    /// </summary>
    private async Task<bool> FileFaultAsync(HttpContext context, string path)
    {
        Fault? fault;
        lock (_gate)
        {
            fault = _faults.FirstOrDefault(f => f.PathPrefix is { } prefix && prefix.StartsWith("/files/", StringComparison.Ordinal) && f.Matches(path)
                && f.Kind is FaultKind.HttpError or FaultKind.RateLimited or FaultKind.ResetAfterProcessing or FaultKind.SlowResponse
                    or FaultKind.TruncatedJson or FaultKind.HtmlErrorPage or FaultKind.MalformedJson);
            if (fault is not null)
            {
                _faults.Remove(fault);
            }
        }

        switch (fault?.Kind)
        {
            case FaultKind.HttpError:
                context.Response.StatusCode = fault.StatusCode;
                return true;
            case FaultKind.RateLimited:
                context.Response.StatusCode = 429;
                return true;
            case FaultKind.ResetAfterProcessing:
                context.Abort();
                return true;
            case FaultKind.SlowResponse:
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                return false;
            case FaultKind.TruncatedJson:
            {
                var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var file = SampleMedia.For(parts[^1]);
                context.Response.ContentType = file.ContentType;
                context.Response.ContentLength = file.Bytes.Length;
                await context.Response.Body.WriteAsync(file.Bytes.AsMemory(0, file.Bytes.Length / 2), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return true;
            }

            case FaultKind.HtmlErrorPage or FaultKind.MalformedJson:
                await WriteMessyAsync(context, fault with { Kind = FaultKind.HtmlErrorPage }, false).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Kie's answer to a follow-up (a parent <c>taskId</c> in a special family's body) whose parent it cannot use:
    /// 422 "record is null" for an unknown parent, 422 "record status is not success" for one still running or failed
    /// (the codes Kie's HD and download endpoints document), with <see cref="FakeKieOptions.ValidateParentTasks"/>;
    /// and always, for a Suno operation on a task the key does not know, Kie's recorded 422 "Record does not exist".
    /// </summary>
    private Reply? ParentProblem(string path, JsonElement root, string key, DateTimeOffset now)
    {
        if (!root.TryGetProperty("taskId", out var parentId))
        {
            return null;
        }

        var id = parentId.ValueKind == JsonValueKind.String ? parentId.GetString() : null;
        var parent = id is null ? null : FindTask(id);
        var known = parent is not null && parent.ApiKey == key;
        if (!known && _sunoCreatePaths.Contains(path))
        {
            return Reply.Error(422, "Record does not exist"); // Kie's recorded answer to a Suno operation on an unknown task
        }

        if (!_options.ValidateParentTasks)
        {
            return null;
        }

        if (!known)
        {
            return Reply.Error(422, "record is null");
        }

        return parent!.StateAt(now) == FakeTaskState.Success ? null : Reply.Error(422, "record status is not success");
    }

    /// <summary>A result link on the file host, valid until <paramref name="expires"/>.</summary>
    private string SignedLink(string taskId, string file, DateTimeOffset expires)
    {
        var path = $"/files/{taskId}/{file}";
        var seconds = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Uri(FileHostAddress!, path.TrimStart('/')) + "?expires=" + seconds + "&sig=" + Sign(path, seconds);
    }

    private string Sign(string path, string expires) =>
        Convert.ToHexString(HMACSHA256.HashData(_linkKey, Encoding.UTF8.GetBytes(path + "\n" + expires))).ToLowerInvariant();

    /// <summary>The file host: 403 for a missing, wrong or expired signature; 404 for anything that is not a finished result.</summary>
    private async Task ServeSignedFileAsync(HttpContext context, string path, DateTimeOffset now)
    {
        var expires = context.Request.Query["expires"].ToString();
        var signature = context.Request.Query["sig"].ToString();
        var valid = long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var until)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(path, expires)), Encoding.ASCII.GetBytes(signature));
        if (!valid || now > DateTimeOffset.FromUnixTimeSeconds(until))
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries); // files, taskId, name
        var task = parts.Length == 3 && parts[0] == "files" ? FindTask(parts[1]) : null;
        if (task is null || task.StateAt(now) != FakeTaskState.Success)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var file = SampleMedia.For(parts[2]);
        await Results.Bytes(file.Bytes, file.ContentType, enableRangeProcessing: true).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>common/download-url for a file-host link: a fresh signed link within the retention, else 422.</summary>
    private Reply RefreshSignedLink(string url, DateTimeOffset now)
    {
        var parts = new Uri(url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var task = parts.Length == 3 ? FindTask(parts[1]) : null;
        if (task is null || task.StateAt(now) != FakeTaskState.Success)
        {
            return Reply.Error(422, "record is null");
        }

        if (now > task.CompletedAt + Retention)
        {
            return Reply.Error(422, "The record is only available within 14 days");
        }

        var link = SignedLink(task.TaskId, parts[2], now + DownloadLinkLifetime);
        return Reply.Ok(w => w.WriteStringValue(link));
    }
}
