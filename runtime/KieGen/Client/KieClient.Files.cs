using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Tasks;

namespace KieGen.Client;

public partial class KieClient
{
    private const int MaxRedirects = 5;

    /// <summary>The account's credit balance.</summary>
    public virtual async Task<decimal> GetCreditsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        var envelope = await SendAsync(HttpMethod.Get, _options.BaseAddress, "/api/v1/chat/credit", null, null, cancellationToken).ConfigureAwait(false);
        return envelope.IsSuccess && envelope.Data.ValueKind == JsonValueKind.Number
            ? envelope.Data.GetDecimal()
            : throw envelope.ToException("Reading the credit balance");
    }

    /// <summary>A fresh direct link (valid about 20 minutes) for a file Kie generated.</summary>
    public virtual async Task<Uri> GetDownloadUrlAsync(Uri fileUrl, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(fileUrl);
        var body = JsonSerializerLite.Object(("url", fileUrl.ToString()));
        var envelope = await SendAsync(HttpMethod.Post, _options.BaseAddress, "/api/v1/common/download-url", null, body, cancellationToken).ConfigureAwait(false);
        return envelope.IsSuccess && envelope.Data.ValueKind == JsonValueKind.String && Uri.TryCreate(envelope.Data.GetString(), UriKind.Absolute, out var link)
            ? link
            : throw envelope.ToException("Refreshing a download link");
    }

    /// <summary>
    /// Streams a result file into <paramref name="destination"/>. Interrupted transfers resume with a range request
    /// where the server allows it; an expired link (404, 403, 410) is refreshed once through <c>common/download-url</c>.
    /// The API key is never sent to file hosts; only http and https links (and redirects) are followed. Connection
    /// failures and HTML error pages are retried, then end in <see cref="KieTransportException"/>; 5xx and 429 answers are
    /// retried, then end in <see cref="KieApiException"/>.
    /// </summary>
    public virtual async Task DownloadAsync(Uri fileUrl, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        await DownloadCoreAsync(fileUrl, destination, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads into <paramref name="destination"/>; returns the response's media type.</summary>
    private async Task<string?> DownloadCoreAsync(Uri fileUrl, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileUrl);
        ArgumentNullException.ThrowIfNull(destination);
        EnsureWebLink(fileUrl, fileUrl);
        var current = fileUrl;
        var refreshed = false;
        var redirects = 0;
        long written = 0;
        for (var attempt = 1; ; attempt++)
        {
            // No KieAuthorization flag: a download never carries the key, whichever host serves it.
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (written > 0)
            {
                request.Headers.Range = new RangeHeaderValue(written, null);
            }

            try
            {
                using var response = await _http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                EnsureWebLink(response.RequestMessage?.RequestUri ?? current, fileUrl);
                if ((int)response.StatusCode is >= 300 and < 400)
                {
                    // Redirects are followed here, not by the handler (which would follow ftp: or file: as if http),
                    // so every hop is checked to be http or https.
                    if (response.Headers.Location is not { } location || ++redirects > MaxRedirects)
                    {
                        throw new KieApiException($"Downloading {fileUrl} failed: HTTP {(int)response.StatusCode} without a usable location, or more than {MaxRedirects} redirects.", response.StatusCode, null, response.ReasonPhrase);
                    }

                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    EnsureWebLink(current, fileUrl);
                    attempt--;
                    continue;
                }

                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Gone && !refreshed)
                {
                    current = await GetDownloadUrlAsync(fileUrl, cancellationToken).ConfigureAwait(false);
                    EnsureWebLink(current, fileUrl);
                    refreshed = true;
                    KieLog.LinkRefreshed(_logger);
                    continue;
                }

                if (((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests) && attempt < 4)
                {
                    // A download is safe to repeat: a busy or failing file host is given a few more tries.
                    await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new KieApiException($"Downloading {fileUrl} failed: HTTP {(int)response.StatusCode}", response.StatusCode, null, response.ReasonPhrase);
                }

                if (response.Content.Headers.ContentType?.MediaType is "text/html" && !NamedAsPage(fileUrl))
                {
                    // Kie's results are media or JSON, not web pages: an HTML answer for a link that does not name an
                    // .html file is a proxy's or a host's error page (with HTTP 200), not the file.
                    throw new KieTransportException($"Downloading {fileUrl} failed: HTTP {(int)response.StatusCode} answered an HTML page instead of the file.", response.StatusCode, null,
                        new HttpRequestException("An HTML page instead of the file.", null, response.StatusCode));
                }

                if (written > 0 && response.StatusCode != HttpStatusCode.PartialContent)
                {
                    // The server ignored the range: start over if the destination allows it.
                    if (!destination.CanSeek)
                    {
                        throw new IOException($"The download of {fileUrl} was interrupted and the server cannot resume it.");
                    }

                    destination.SetLength(0);
                    written = 0;
                }

                await using var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    written += read;
                    progress?.Report(written);
                }

                return response.Content.Headers.ContentType?.MediaType;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or KieTransportException && attempt < 4 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new KieTransportException($"Downloading {fileUrl} failed after {attempt} attempts: {e.Message}", e.StatusCode, null, e);
            }
        }
    }

    /// <summary>
    /// Downloads every file of a result into <paramref name="directory"/> as <c>{taskId}-{n}{extension}</c>: the task id
    /// is sanitised (letters, digits, <c>-</c>, <c>_</c>; a short hash added when anything changed), the extension comes
    /// from the response's content type or an allow-list (else <c>.bin</c>), and every path is checked to be inside
    /// the folder. Each file is written to a temporary name and renamed when complete, so nothing half-written is left.
    /// </summary>
    /// <returns>The paths written, in result order.</returns>
    public virtual async Task<IReadOnlyList<string>> SaveAsync(KieTaskResult result, string directory, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var stem = KieFileNames.Stem(result.TaskId);
        var paths = new List<string>();
        for (var i = 0; i < result.Urls.Count; i++)
        {
            var url = result.Urls[i];
            var index = i;
            paths.Add(await WriteAtomicallyAsync(
                KieFileNames.Inside(directory, ".kiegen-" + Guid.NewGuid().ToString("N") + ".partial"),
                contentType => KieFileNames.Inside(directory, $"{stem}-{index}{KieFileNames.Extension(contentType, url)}"),
                url,
                cancellationToken).ConfigureAwait(false));
        }

        return paths;
    }

    /// <summary>Downloads one file to <paramref name="path"/> through a temporary file beside it, replacing it only when complete.</summary>
    public virtual async Task SaveAsync(Uri fileUrl, string path, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(fileUrl);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var partial = Path.Combine(Path.GetDirectoryName(full)!, ".kiegen-" + Guid.NewGuid().ToString("N") + ".partial");
        await WriteAtomicallyAsync(partial, _ => full, fileUrl, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads into <paramref name="partial"/>, then renames it to the name chosen from the content type.</summary>
    private async Task<string> WriteAtomicallyAsync(string partial, Func<string?, string> finalPath, Uri fileUrl, CancellationToken cancellationToken)
    {
        try
        {
            string? contentType;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                contentType = await DownloadCoreAsync(fileUrl, file, null, cancellationToken).ConfigureAwait(false);
            }

            var path = finalPath(contentType);
            File.Move(partial, path, overwrite: true);
            return path;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static bool NamedAsPage(Uri link) =>
        Path.GetExtension(link.AbsolutePath).ToLowerInvariant() is ".html" or ".htm";

    /// <summary>Only http and https links are fetched: a file:, ftp: or data: link from a response is refused.</summary>
    private static void EnsureWebLink(Uri link, Uri original)
    {
        if (!link.IsAbsoluteUri || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Refusing to download '{original}' from '{(link.IsAbsoluteUri ? link.Scheme + ":" : link.ToString())}': only http and https links are fetched.", nameof(original));
        }
    }

    /// <summary>Uploads bytes as base64 (Kie recommends this for files up to about 10 MB).</summary>
    public virtual Task<KieUploadedFile> UploadAsync(ReadOnlyMemory<byte> content, string fileName, string uploadPath, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var body = JsonSerializerLite.Object(("base64Data", Convert.ToBase64String(content.Span)), ("uploadPath", UploadPath(uploadPath)), ("fileName", fileName));
        return UploadAsync("/api/file-base64-upload", body, cancellationToken);
    }

    /// <summary>Has Kie fetch a file from a public http(s) URL (30 s download limit on Kie's side).</summary>
    public virtual Task<KieUploadedFile> UploadFromUrlAsync(Uri fileUrl, string uploadPath, string? fileName = null, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(fileUrl);
        var body = fileName is null
            ? JsonSerializerLite.Object(("fileUrl", fileUrl.ToString()), ("uploadPath", UploadPath(uploadPath)))
            : JsonSerializerLite.Object(("fileUrl", fileUrl.ToString()), ("uploadPath", UploadPath(uploadPath)), ("fileName", fileName));
        return UploadAsync("/api/file-url-upload", body, cancellationToken);
    }

    /// <summary>Streams a file as multipart/form-data (for large files).</summary>
    public virtual Task<KieUploadedFile> UploadAsync(Stream content, string fileName, string uploadPath, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ThrowIfForMocking();
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/octet-stream");
        var form = new MultipartFormDataContent
        {
            { file, "file", fileName },
            { new StringContent(UploadPath(uploadPath)), "uploadPath" },
            { new StringContent(fileName), "fileName" },
        };
        return UploadAsync("/api/file-stream-upload", form, cancellationToken);
    }

    private async Task<KieUploadedFile> UploadAsync(string path, object body, CancellationToken cancellationToken)
    {
        var envelope = await SendAsync(HttpMethod.Post, _options.UploadBaseAddress, path, null, body, cancellationToken).ConfigureAwait(false);
        if (!envelope.IsSuccess || envelope.Data.ValueKind != JsonValueKind.Object)
        {
            throw envelope.ToException("Uploading a file");
        }

        var data = envelope.Data;
        string? Text(string name) => data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var url = Text("downloadUrl") ?? Text("fileUrl");
        return new KieUploadedFile(
            url is not null ? new Uri(url) : throw new KieApiException("Kie's upload answer has no downloadUrl.", envelope.HttpStatus, envelope.Code, envelope.Message),
            Text("fileName") ?? "",
            Text("filePath") ?? Text("uploadPath") ?? "",
            data.TryGetProperty("fileSize", out var size) && size.TryGetInt64(out var bytes) ? bytes : 0,
            Text("mimeType"));
    }

    /// <summary>Kie wants the upload path without leading or trailing slashes.</summary>
    private static string UploadPath(string uploadPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadPath);
        return uploadPath.Trim('/');
    }
}

/// <summary>Tiny JSON bodies without reflection.</summary>
internal static class JsonSerializerLite
{
    public static byte[] Object(params (string Name, string Value)[] members)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
