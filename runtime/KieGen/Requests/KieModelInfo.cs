namespace KieGen.Requests;

/// <summary>
/// Everything the runtime needs to submit a request of one model: its Kie id, family, endpoints and body shape.
/// Generated request types expose one instance through <see cref="IKieRequest.ModelInfo"/>.
/// </summary>
public sealed class KieModelInfo
{
    /// <summary>Creates the binding of a model. Called by generated code.</summary>
    public KieModelInfo(
        string modelId,
        KieApiFamily family,
        string category,
        KieResultKind resultKind,
        string createPath,
        string statusPath,
        KieBodyStyle bodyStyle,
        string callbackField,
        bool callbackRequired)
    {
        ModelId = modelId;
        Family = family;
        Category = category;
        ResultKind = resultKind;
        CreatePath = createPath;
        StatusPath = statusPath;
        BodyStyle = bodyStyle;
        CallbackField = callbackField;
        CallbackRequired = callbackRequired;
    }

    /// <summary>The Kie model id (Market) or operation key (special families), e.g. <c>kling-2.6/image-to-video</c>.</summary>
    public string ModelId { get; }

    /// <summary>The API family.</summary>
    public KieApiFamily Family { get; }

    /// <summary>The catalog category (<c>image</c>, <c>video</c>, <c>audio</c>, <c>music</c>, ...).</summary>
    public string Category { get; }

    /// <summary>What the finished task produces.</summary>
    public KieResultKind ResultKind { get; }

    /// <summary>Path of the create endpoint, relative to the API base address.</summary>
    public string CreatePath { get; }

    /// <summary>Path of the status endpoint, relative to the API base address (takes <c>?taskId=</c>).</summary>
    public string StatusPath { get; }

    /// <summary>Where the parameters go in the body.</summary>
    public KieBodyStyle BodyStyle { get; }

    /// <summary>Wire name of the callback URL field (<c>callBackUrl</c> on every documented family).</summary>
    public string CallbackField { get; }

    /// <summary>Whether Kie rejects a create request without a callback URL (Suno does).</summary>
    public bool CallbackRequired { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ModelId} ({Family})";
}
