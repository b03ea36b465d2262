using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.Requests;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>Submits a request, waits for its task, and turns the result files into <see cref="AIContent"/>.</summary>
internal static class KieTaskRunner
{
    /// <summary>Key of an <see cref="IProgress{T}"/> of <see cref="KieTaskProgress"/> in <c>AdditionalProperties</c>.</summary>
    public const string ProgressKey = "kie.progress";

    /// <summary>Key of the task id that responses carry in <c>AdditionalProperties</c>.</summary>
    public const string TaskIdKey = "kie.taskId";

    public static async Task<KieTaskResult> RunAsync(IKieClient client, IKieRequest request, AdditionalPropertiesDictionary? additional, CancellationToken cancellationToken)
    {
        var progress = KieParameterMap.Reserved<IProgress<KieTaskProgress>>(additional, ProgressKey);
        var task = await client.SubmitAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await client.WaitForCompletionAsync(task, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each result file as a link, or downloaded into a <see cref="DataContent"/> when asked.</summary>
    public static async Task<List<AIContent>> ContentsAsync(IKieClient client, KieTaskResult result, bool download, string fallbackMediaType, CancellationToken cancellationToken)
    {
        var contents = new List<AIContent>(result.Urls.Count);
        foreach (var url in result.Urls)
        {
            var mediaType = MediaTypes.FromPath(url.AbsolutePath) ?? fallbackMediaType;
            if (download)
            {
                using var buffer = new MemoryStream();
                await client.DownloadAsync(url, buffer, cancellationToken: cancellationToken).ConfigureAwait(false);
                contents.Add(new DataContent(buffer.ToArray(), mediaType) { RawRepresentation = url });
            }
            else
            {
                contents.Add(new UriContent(url, mediaType));
            }
        }

        return contents;
    }
}
