using System;

namespace KieGen.AspNetCore;

/// <summary>
/// A verified callback said a task finished while Kie's status still reports it running: the inbox entry is tried
/// again later (Kie's status can lag its own callback by a moment).
/// </summary>
internal sealed class KieCallbackNotConfirmedException(string taskId, string rawState)
    : Exception($"The callback of task {taskId} says it finished, but Kie's status is still '{rawState}'; the callback is checked again later.")
{
}
