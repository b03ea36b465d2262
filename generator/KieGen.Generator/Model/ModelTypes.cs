using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace KieGen.Generator.Model;

/// <summary>Every model id generated in the project with its C# type: small, so that it rarely changes.</summary>
internal sealed record ModelTypes(EquatableArray<CatalogItem> Items)
{
    public static ModelTypes Of(ImmutableArray<CatalogItem> items) =>
        new(items.OrderBy(i => i.ModelId, StringComparer.Ordinal).ThenBy(i => i.FullTypeName, StringComparer.Ordinal).ToEquatableArray());

    /// <summary>The model with its replacement's C# type filled in, when it is deprecated and the replacement is here.</summary>
    public ModelSpec Resolve(ModelSpec model)
    {
        if (model.Deprecation is not { ReplacedBy: { } replacedBy } deprecation)
        {
            return model;
        }

        var type = Items.FirstOrDefault(i => i.ModelId == replacedBy)?.FullTypeName;
        return model with { Deprecation = deprecation with { ReplacementType = type } };
    }
}
