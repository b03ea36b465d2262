namespace KieGen.Generator.Model;

/// <summary>
/// One model id and its fully qualified C# type name: what the catalog and deprecation messages need of a model,
/// small so that unrelated edits leave those steps cached.
/// </summary>
internal sealed record CatalogItem(string ModelId, string FullTypeName)
{
    public static CatalogItem Of(ModelSpec model) => new(model.ModelId, model.FullTypeName);
}
