using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Requests;

namespace KieGen.Client;

/// <summary>
/// Every operation of <see cref="KieClient"/>, so code that calls Kie can be unit-tested with a substitute (a
/// hand-written fake or a mocking library) and results built by <see cref="KieModelFactory"/>. <c>AddKieClient</c>
/// registers both <see cref="KieClient"/> and this interface, resolving to the same instance.
/// </summary>
public interface IKieClient
{
    /// <summary>The Kie API address the client calls (<see cref="KieClientOptions.BaseAddress"/>), for metadata and logs.</summary>
    Uri BaseAddress { get; }

    /// <inheritdoc cref="KieClient.SubmitAsync{TRequest}(TRequest, string, CancellationToken)"/>
    Task<KieTask> SubmitAsync<TRequest>(TRequest request, string? callbackUrl = null, CancellationToken cancellationToken = default)
        where TRequest : IKieRequest;

    /// <inheritdoc cref="KieClient.CallAsync{TResult}(IKieCallRequest{TResult}, CancellationToken)"/>
    Task<TResult> CallAsync<TResult>(IKieCallRequest<TResult> request, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.GetStatusAsync(KieTask, CancellationToken)"/>
    Task<KieTaskStatus> GetStatusAsync(KieTask task, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.WaitForCompletionAsync(KieTask, IProgress{KieTaskProgress}, Nullable{TimeSpan}, CancellationToken)"/>
    Task<KieTaskResult> WaitForCompletionAsync(KieTask task, IProgress<KieTaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.SubmitAndWaitAsync{TRequest}(TRequest, IProgress{KieTaskProgress}, Nullable{TimeSpan}, CancellationToken)"/>
    Task<KieTaskResult> SubmitAndWaitAsync<TRequest>(TRequest request, IProgress<KieTaskProgress>? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TRequest : IKieRequest;

    /// <inheritdoc cref="KieClient.GetTask(string)"/>
    KieTask GetTask(string token);

    /// <inheritdoc cref="KieClient.GetTask(string, KieModelInfo)"/>
    KieTask GetTask(string taskId, KieModelInfo model);

    /// <inheritdoc cref="KieClient.GetCreditsAsync(CancellationToken)"/>
    Task<decimal> GetCreditsAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.GetDownloadUrlAsync(Uri, CancellationToken)"/>
    Task<Uri> GetDownloadUrlAsync(Uri fileUrl, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.DownloadAsync(Uri, Stream, IProgress{long}, CancellationToken)"/>
    Task DownloadAsync(Uri fileUrl, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.SaveAsync(KieTaskResult, string, CancellationToken)"/>
    Task<IReadOnlyList<string>> SaveAsync(KieTaskResult result, string directory, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.SaveAsync(Uri, string, CancellationToken)"/>
    Task SaveAsync(Uri fileUrl, string path, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.UploadAsync(ReadOnlyMemory{byte}, string, string, CancellationToken)"/>
    Task<KieUploadedFile> UploadAsync(ReadOnlyMemory<byte> content, string fileName, string uploadPath, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.UploadFromUrlAsync(Uri, string, string, CancellationToken)"/>
    Task<KieUploadedFile> UploadFromUrlAsync(Uri fileUrl, string uploadPath, string? fileName = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.UploadAsync(Stream, string, string, string, CancellationToken)"/>
    Task<KieUploadedFile> UploadAsync(Stream content, string fileName, string uploadPath, string? contentType = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.ListModelsAsync(KieModelQuery, CancellationToken)"/>
    Task<KieModelList> ListModelsAsync(KieModelQuery? query = null, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.GetModelSchemaAsync(string, CancellationToken)"/>
    Task<KieModelSchema> GetModelSchemaAsync(string model, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.GetModelSchemaUtf8Async(string, CancellationToken)"/>
    Task<byte[]?> GetModelSchemaUtf8Async(string model, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.GetModelPriceAsync(string, CancellationToken)"/>
    Task<KieModelPrice> GetModelPriceAsync(string model, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.GetModelSuccessRateAsync(string, CancellationToken)"/>
    Task<KieSuccessRate> GetModelSuccessRateAsync(string model, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="KieClient.SendChatAsync(string, ReadOnlyMemory{byte}, CancellationToken)"/>
    Task<System.Net.Http.HttpResponseMessage> SendChatAsync(string path, ReadOnlyMemory<byte> jsonBody, CancellationToken cancellationToken = default);
}
