using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace KieGen.Generator.Parsing;

/// <summary>
/// Deterministic C# names from wire text. Words are split on anything that is not a letter or digit and
/// PascalCased; a digit run next to a digit run keeps a separator (<c>2.6</c> gives <c>2_6</c>, <c>16:9</c> gives
/// <c>16x9</c>) so that versions and ratios stay readable.
/// </summary>
internal static class CSharpNames
{
    private static readonly Regex Ratio = new("^[0-9]+(\\.[0-9]+)?:[0-9]+(\\.[0-9]+)?$", RegexOptions.CultureInvariant);

    /// <summary>A PascalCase identifier for a wire name, model id or enum value; <paramref name="digitPrefix"/> leads a name that would start with a digit.</summary>
    public static string Pascal(string text, string digitPrefix)
    {
        text = WithoutFormattingCharacters(text);
        var result = new StringBuilder();
        var separator = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsLetterOrDigit(text[i]))
            {
                separator.Append(text[i++]);
                continue;
            }

            var start = i;
            while (i < text.Length && IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var word = text.Substring(start, i - start);
            if (result.Length == 0 && separator.ToString() == "-" && char.IsDigit(word[0]))
            {
                result.Append("Minus");
            }
            else if (result.Length > 0 && char.IsDigit(result[result.Length - 1]) && char.IsDigit(word[0]))
            {
                // Digits on both sides keep a separator: "16:9" is 16x9, "2.6" is 2_6, never 169 or 26.
                result.Append(separator.ToString() == ":" ? 'x' : '_');
            }

            result.Append(Capitalize(word));
            separator.Clear();
        }

        if (result.Length == 0)
        {
            return "Empty";
        }

        var name = result.ToString();
        return IsLetter(name[0]) ? name : (Ratio.IsMatch(text) ? "Ratio" : digitPrefix) + name;
    }

    /// <summary>The name with its first character upper-cased (type names never start lower-case: CS8981).</summary>
    public static string UpperFirst(string name) =>
        name.Length == 0 || !char.IsLower(name[0]) ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>
    /// Drops Unicode formatting characters (U+200D, U+00AD, ...): C# ignores them in identifiers, so two names that
    /// differ only by them are the same name.
    /// </summary>
    public static string WithoutFormattingCharacters(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.Format)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
            }
            else
            {
                builder?.Append(text[i]);
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>Escapes a C# keyword with <c>@</c>.</summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) == SyntaxKind.VarKeyword
            ? "@" + identifier
            : identifier;

    /// <summary>True when <paramref name="name"/> can be a C# identifier (possibly after @-escaping).</summary>
    public static bool IsValidIdentifier(string name) => SyntaxFacts.IsValidIdentifier(name);

    /// <summary>Makes names unique by suffixing <c>_2</c>, <c>_3</c>, ... in order of appearance.</summary>
    public static List<string> Unique(IEnumerable<string> names, ISet<string> taken)
    {
        var result = new List<string>();
        foreach (var name in names)
        {
            var candidate = name;
            for (var n = 2; taken.Contains(candidate); n++)
            {
                candidate = name + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            taken.Add(candidate);
            result.Add(candidate);
        }

        return result;
    }

    private static string Capitalize(string word)
    {
        // ALL-CAPS words (TEXT_2_VIDEO, V4_5PLUS) read better as Pascal words; mixed case is kept as written.
        var allUpper = word.Length > 1;
        foreach (var c in word)
        {
            if (char.IsLetter(c) && !char.IsUpper(c))
            {
                allUpper = false;
                break;
            }
        }

        var chars = (allUpper ? word.ToLowerInvariant() : word).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsLetter(chars[i]))
            {
                if (i == 0 || (allUpper && char.IsDigit(chars[i - 1])))
                {
                    chars[i] = char.ToUpperInvariant(chars[i]);
                }
                else if (i > 0 && !allUpper)
                {
                    break;
                }
            }
        }

        return new string(chars);
    }

    /// <summary>A character that may continue a C# identifier (letters, digits, combining marks), except '_'.</summary>
    private static bool IsLetterOrDigit(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        (c > 0x7F && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark);

    /// <summary>A character that may start a C# identifier.</summary>
    private static bool IsLetter(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber;
}
