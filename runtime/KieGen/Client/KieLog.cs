using System;
using KieGen.Tasks;
using Microsoft.Extensions.Logging;

namespace KieGen.Client;

/// <summary>The client's log events. None of them carries the API key.</summary>
internal static partial class KieLog
{
    [LoggerMessage(1, LogLevel.Information, "Submitted {ModelId}: task {TaskId}")]
    public static partial void Submitted(ILogger logger, string modelId, string taskId);

    [LoggerMessage(2, LogLevel.Warning, "Kie rate-limited the create call for {ModelId}; retrying in {Delay} (attempt {Attempt})")]
    public static partial void CreateRateLimited(ILogger logger, string modelId, TimeSpan delay, int attempt);

    [LoggerMessage(3, LogLevel.Warning, "Could not connect to Kie to submit {ModelId}, nothing was sent; retrying in {Delay} (attempt {Attempt})")]
    public static partial void CreateNotSent(ILogger logger, string modelId, TimeSpan delay, int attempt);

    [LoggerMessage(4, LogLevel.Error, "The create call for {ModelId} has an unknown outcome; not resubmitted")]
    public static partial void CreateUnknown(ILogger logger, Exception? exception, string modelId);

    [LoggerMessage(5, LogLevel.Debug, "Task {TaskId} ({ModelId}) is {State} ({RawState})")]
    public static partial void Polled(ILogger logger, string taskId, string modelId, KieTaskState state, string rawState);

    [LoggerMessage(6, LogLevel.Information, "Task {TaskId} ({ModelId}) finished: {State} after {Elapsed}")]
    public static partial void Finished(ILogger logger, string taskId, string modelId, KieTaskState state, TimeSpan elapsed);

    [LoggerMessage(7, LogLevel.Warning, "Status call for task {TaskId} failed; retrying in {Delay}")]
    public static partial void StatusRetry(ILogger logger, Exception exception, string taskId, TimeSpan delay);

    [LoggerMessage(8, LogLevel.Information, "Download link for task file expired; refreshed through common/download-url")]
    public static partial void LinkRefreshed(ILogger logger);

    [LoggerMessage(9, LogLevel.Warning, "{Operation} was answered with code {Code}; retrying in {Delay} (attempt {Attempt})")]
    public static partial void DiscoveryRetry(ILogger logger, string operation, int code, TimeSpan delay, int attempt);

    [LoggerMessage(10, LogLevel.Warning, "Submitting {ModelId} with a validation warning at '{Path}': {Message} (advisory: {Reason})")]
    public static partial void ValidationWarning(ILogger logger, string modelId, string path, string message, string reason);

    [LoggerMessage(11, LogLevel.Information, "Called {ModelId}: Kie answered at once")]
    public static partial void Called(ILogger logger, string modelId);

    [LoggerMessage(12, LogLevel.Warning, "Kie rate-limited the call to {ModelId}; retrying in {Delay} (attempt {Attempt})")]
    public static partial void CallRateLimited(ILogger logger, string modelId, TimeSpan delay, int attempt);

    [LoggerMessage(13, LogLevel.Warning, "Could not connect to Kie to call {ModelId}, nothing was sent; retrying in {Delay} (attempt {Attempt})")]
    public static partial void CallNotSent(ILogger logger, string modelId, TimeSpan delay, int attempt);

    [LoggerMessage(14, LogLevel.Error, "The call to {ModelId} has an unknown outcome; not sent again")]
    public static partial void CallUnknown(ILogger logger, Exception? exception, string modelId);
}
