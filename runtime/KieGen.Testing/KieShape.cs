namespace KieGen.Testing;

/// <summary>
/// Which of Kie's answer shapes the fake speaks, by the date it was seen: what Kie actually sent in recorded traffic,
/// or what Kie's later pages describe. Only the members of status answers differ; codes, messages and routes do not.
/// </summary>
public enum KieShape
{
    /// <summary>
    /// What Kie sent in the traffic recorded March–April 2026 (tests/Reference/kie-recorded-2026-03-04.json), the
    /// default: unified polls carry <c>taskId, model, state, param, resultJson, failCode, failMsg, costTime,
    /// completeTime, createTime</c>, with <c>costTime</c> null until the task ends and both times null on failures.
    /// </summary>
    Recorded2026_03,

    /// <summary>
    /// What Kie's pages describe as of October 2026: unified polls also carry <c>successFlag</c>,
    /// <c>creditsConsumed</c>, <c>progress</c>, <c>updateTime</c> and <c>response</c> (the parsed <c>resultJson</c>),
    /// and a failed task's <c>costTime</c> and <c>completeTime</c>. None of the recorded polls had them.
    /// </summary>
    Pages2026_10,
}
