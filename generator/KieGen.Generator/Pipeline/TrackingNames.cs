namespace KieGen.Generator;

/// <summary>Names of the pipeline steps, shared with the incremental tests.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string SchemaFiles = nameof(SchemaFiles);
    public const string Parsed = nameof(Parsed);
    public const string Conflicts = nameof(Conflicts);
    public const string Models = nameof(Models);
    public const string Sources = nameof(Sources);
    public const string Catalog = nameof(Catalog);
    public const string ModelTypes = nameof(ModelTypes);

    public static readonly string[] All = { Options, SchemaFiles, Parsed, Conflicts, ModelTypes, Models, Sources, Catalog };
}
