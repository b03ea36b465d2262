using System;

namespace KieGen.Requests.Support;

/// <summary>Finds the declared name a misspelt one most likely meant.</summary>
internal static class KieNames
{
    /// <summary>
    /// The declared name equal to <paramref name="name"/> once case, <c>_</c> and <c>-</c> are ignored
    /// (<c>aspectRatio</c> → <c>aspect_ratio</c>), else the closest within two edits; null when none is close.
    /// </summary>
    public static string? Closest(string name, string[] declared)
    {
        var key = Normalize(name);
        foreach (var candidate in declared)
        {
            if (Normalize(candidate) == key)
            {
                return candidate;
            }
        }

        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in declared)
        {
            var distance = Distance(key, Normalize(candidate));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static string Normalize(string name) =>
        name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
