using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace KieGen.Import;

/// <summary>
/// The team's own annotations in a schema file (<c>x-csharpName</c>, <c>x-enumNames</c> and any other <c>x-</c> member
/// but the importer's <c>x-source</c>): Kie's documents never carry them, so a re-import keeps them and a drift check
/// does not count them as changes.
/// </summary>
public static class SchemaAnnotations
{
    /// <summary>
    /// Copies every annotation of <paramref name="curated"/> into the node at the same place in
    /// <paramref name="imported"/> (the same member names and array positions), where that node exists and does not set
    /// the annotation itself. Annotations of parameters Kie removed have nowhere to go and are dropped with them.
    /// </summary>
    /// <returns>How many annotations were carried over.</returns>
    public static int CarryOver(JsonNode? curated, JsonNode? imported)
    {
        switch (curated, imported)
        {
            case (JsonObject from, JsonObject into):
                var carried = 0;
                foreach (var (name, value) in from.ToList())
                {
                    if (IsAnnotation(name) && !into.ContainsKey(name))
                    {
                        into[name] = value?.DeepClone();
                        carried++;
                    }
                    else if (into.ContainsKey(name))
                    {
                        carried += CarryOver(value, into[name]);
                    }
                }

                return carried;
            case (JsonArray from, JsonArray into):
                var count = 0;
                for (var i = 0; i < Math.Min(from.Count, into.Count); i++)
                {
                    count += CarryOver(from[i], into[i]);
                }

                return count;
            default:
                return 0;
        }
    }

    /// <summary>Whether a member is the team's annotation rather than a schema fact.</summary>
    public static bool IsAnnotation(string name) => name.StartsWith("x-", StringComparison.Ordinal) && name != "x-source";
}
