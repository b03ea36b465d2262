using System;

namespace KieGen.Requests;

/// <summary>
/// The shape every Kie create and status endpoint has: a path relative to the API address, <c>/api/...</c>, made of
/// plain segments (letters, digits, <c>-</c>, <c>_</c>, and <c>.</c> inside a segment as in <c>kling-2.6</c>). Anything else (an absolute URL, <c>//host</c>, <c>..</c>, a
/// backslash, an escape, a query) could point the request, and the API key with it, at another host, so it is refused.
/// </summary>
internal static class KieApiPath
{
    /// <summary>The Market family's one status endpoint.</summary>
    public const string MarketStatus = "/api/v1/jobs/recordInfo";

    /// <summary>Null when <paramref name="path"/> is a valid endpoint path (the status path of <paramref name="statusOf"/>, when given), else why not.</summary>
    public static string? Problem(string? path, KieApiFamily? statusOf = null)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "it is empty";
        }

        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return "it must be a path relative to the Kie API address, starting with /api/";
        }

        foreach (var segment in path.AsSpan(1).ToString().Split('/'))
        {
            if (segment.Length == 0 || segment.Trim('.').Length == 0 || !IsPlain(segment))
            {
                return "only segments of letters, digits, '-', '_' and '.' (not '.' or '..' alone) are allowed";
            }
        }

        return statusOf == KieApiFamily.Market && path != MarketStatus ? "a Market task's status is read from " + MarketStatus : null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the parameter and the problem when the path is not valid.</summary>
    public static string Ensure(string path, string parameterName, KieApiFamily? statusOf = null) =>
        Problem(path, statusOf) is { } problem
            ? throw new ArgumentException($"'{Shorten(path)}' is not a Kie endpoint path: {problem}.", parameterName)
            : path;

    private static bool IsPlain(string segment)
    {
        foreach (var c in segment)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string? text) => text is { Length: > 80 } ? text[..80] + "..." : text ?? "";
}
