using System.Globalization;

namespace KieGen.Generator.Json;

internal static class JsonNumbers
{
    public static double ToDouble(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>JSON Schema's notion of an integer: any number with a zero fractional part (<c>2.0</c> counts).</summary>
    public static bool IsIntegral(string text)
    {
        var value = ToDouble(text);
        return !double.IsInfinity(value) && value == System.Math.Floor(value);
    }

    /// <summary>The value as a long when it is integral and fits.</summary>
    public static bool TryToInt64(string text, out long value)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var number = ToDouble(text);
        if (number == System.Math.Floor(number) && number >= long.MinValue && number < 9.2233720368547758E18)
        {
            value = (long)number;
            return true;
        }

        return false;
    }

    /// <summary>Round-trippable C# literal text for a double.</summary>
    public static string ToLiteral(double value) => value.ToString("R", CultureInfo.InvariantCulture) switch
    {
        var text when text.IndexOf('.') < 0 && text.IndexOf('E') < 0 => text + ".0",
        var text => text,
    };
}
