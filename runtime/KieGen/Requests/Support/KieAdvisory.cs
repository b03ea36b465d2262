using System;
using System.ComponentModel;

namespace KieGen.Requests.Support;

/// <summary>
/// A schema keyword marked <c>x-kie-advisory</c>: a documented limit Kie's accepted traffic contradicts, or that
/// nothing confirms. Its violation is a warning with <see cref="Reason"/>. Called by generated code; not meant for
/// direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KieAdvisory
{
    /// <summary>Creates an advisory keyword.</summary>
    /// <param name="keyword">The keyword (<c>maxLength</c>, <c>maximum</c>, <c>required</c>, ...).</param>
    /// <param name="reason">Why it is only advisory.</param>
    /// <param name="member">For <c>required</c>: the member whose requirement is advisory; otherwise null.</param>
    public KieAdvisory(string keyword, string reason, string? member = null)
    {
        Keyword = keyword ?? throw new ArgumentNullException(nameof(keyword));
        Reason = reason ?? throw new ArgumentNullException(nameof(reason));
        Member = member;
    }

    /// <summary>The advisory keyword.</summary>
    public string Keyword { get; }

    /// <summary>Why it is only advisory.</summary>
    public string Reason { get; }

    /// <summary>For <c>required</c>: the member whose requirement is advisory; otherwise null.</summary>
    public string? Member { get; }
}
