using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace KieGen.Testing;

public sealed partial class FakeKieServer
{
    private readonly Dictionary<string, DateTimeOffset> _downloadTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Bytes, string ContentType)> _uploads = new(StringComparer.Ordinal);

    /// <summary>Result files: served from completion until 14 days later, or with a fresh download-url token.</summary>
    private async Task ServeFileAsync(HttpContext context, string path, bool upload, DateTimeOffset now)
    {
        (byte[] Bytes, string ContentType) file;
        lock (_gate)
        {
            if (upload)
            {
                if (!_uploads.TryGetValue(path["/files/".Length..], out file))
                {
                    context.Response.StatusCode = 404;
                    return;
                }
            }
            else
            {
                var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries); // files, taskId, name
                var task = parts.Length == 3 ? _tasksById.GetValueOrDefault(parts[1]) : null;
                var token = context.Request.Query["token"].ToString();
                var linkValid = token.Length > 0 && _downloadTokens.TryGetValue(token, out var until) && now <= until;
                if (task is null || task.StateAt(now) != FakeTaskState.Success || !task.ResultUrls.Any(u => u.EndsWith(parts[2], StringComparison.Ordinal))
                    || (now > task.CompletedAt + Retention && !linkValid))
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                file = SampleMedia.For(parts[2]);
            }
        }

        await Results.Bytes(file.Bytes, file.ContentType, enableRangeProcessing: true).ExecuteAsync(context).ConfigureAwait(false);
    }

    private Reply DownloadUrl(string body, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(body);
        var url = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("url", out var u) ? u.GetString() : null;
        if (string.IsNullOrEmpty(url))
        {
            return Reply.Error(422, "url: is required");
        }

        if (FileHostAddress is not null && url.StartsWith(new Uri(FileHostAddress, "files/").ToString(), StringComparison.Ordinal))
        {
            return RefreshSignedLink(url, now);
        }

        var ours = new Uri(BaseAddress, "files/").ToString();
        if (!url.StartsWith(ours, StringComparison.Ordinal))
        {
            return Reply.Error(422, "url is wrong"); // Kie's words for a link that is not one of its generated files
        }

        var token = NewTaskId();
        lock (_gate)
        {
            _downloadTokens[token] = now + DownloadLinkLifetime;
        }

        var link = url.Split('?')[0] + "?token=" + token;
        return Reply.Ok(w => w.WriteStringValue(link));
    }

    private async Task<Reply> UploadAsync(HttpContext context, string path, string body, DateTimeOffset now)
    {
        byte[] bytes;
        string uploadPath;
        string? fileName;
        string? mime = null;
        switch (path)
        {
            case "/api/file-base64-upload":
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var data = Text(root, "base64Data");
                uploadPath = Text(root, "uploadPath") ?? "";
                fileName = Text(root, "fileName");
                if (data is null)
                {
                    return UploadError(400, "Missing required parameter: base64Data");
                }

                if (data.StartsWith("data:", StringComparison.Ordinal) && data.IndexOf(";base64,", StringComparison.Ordinal) is var comma and > 0)
                {
                    mime = data[5..comma];
                    data = data[(comma + 8)..];
                }

                var buffer = new byte[data.Length];
                if (!Convert.TryFromBase64String(data, buffer, out var written))
                {
                    return UploadError(400, "Base64 decoding failed: Invalid Base64 format");
                }

                bytes = buffer.AsSpan(0, written).ToArray();
                break;
            }

            case "/api/file-url-upload":
            {
                using var document = JsonDocument.Parse(body);
                var url = Text(document.RootElement, "fileUrl");
                uploadPath = Text(document.RootElement, "uploadPath") ?? "";
                fileName = Text(document.RootElement, "fileName");
                if (url is null)
                {
                    return UploadError(400, "Missing required parameter: fileUrl (file download URL)"); // Kie's words
                }

                if (!Uri.TryCreate(url, UriKind.Absolute, out var source) || source.Scheme is not ("http" or "https"))
                {
                    return UploadError(400, "Missing or invalid parameter: fileUrl (http or https)");
                }

                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    bytes = await _outbound.GetByteArrayAsync(source, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    return UploadError(400, "Failed to download file from URL: " + e.Message);
                }

                fileName ??= System.IO.Path.GetFileName(source.AbsolutePath);
                break;
            }

            case "/api/file-stream-upload":
            {
                if (!context.Request.HasFormContentType)
                {
                    return UploadError(400, "Expected multipart/form-data");
                }

                var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
                var file = form.Files["file"];
                uploadPath = form["uploadPath"].ToString();
                fileName = form["fileName"].ToString() is { Length: > 0 } named ? named : file?.FileName;
                if (file is null)
                {
                    return UploadError(400, "Missing required parameter: file");
                }

                using var stream = new System.IO.MemoryStream();
                await file.CopyToAsync(stream, context.RequestAborted).ConfigureAwait(false);
                bytes = stream.ToArray();
                mime = file.ContentType;
                break;
            }

            default:
                return UploadError(404, $"No endpoint {path}");
        }

        if (uploadPath.Length == 0)
        {
            return UploadError(400, "Missing required parameter: uploadPath");
        }

        fileName = string.IsNullOrEmpty(fileName) ? NewTaskId() + ".bin" : fileName;
        mime = string.IsNullOrEmpty(mime) ? SampleMedia.ContentTypeOf(fileName) : mime;
        var filePath = uploadPath.Trim('/') + "/" + fileName;
        lock (_gate)
        {
            _uploads[filePath] = (bytes, mime);
        }

        var downloadUrl = new Uri(UploadBaseAddress, "files/" + filePath).ToString();
        return new Reply(200, 200, "File uploaded successfully", w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true); // repeated inside data, as Kie's upload host answers
            w.WriteString("fileName", fileName);
            w.WriteString("filePath", filePath);
            w.WriteString("downloadUrl", downloadUrl);
            w.WriteNumber("fileSize", bytes.Length);
            w.WriteString("mimeType", mime);
            w.WriteString("uploadedAt", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        })
        { UploadStyle = true };
    }

    private static Reply UploadError(int code, string message) => new(code, code, message) { UploadStyle = true };

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
