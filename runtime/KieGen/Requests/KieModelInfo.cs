namespace KieGen.Requests;

/// <summary>
/// Everything the runtime needs to submit a request of one model: its Kie id, family, endpoints and body shape.
/// Generated request types expose one instance through <see cref="IKieRequest.ModelInfo"/>.
/// </summary>
public sealed class KieModelInfo
{
    /// <summary>Creates the binding of a model. Called by generated code.</summary>
    /// <param name="modelId">The Kie model id or operation key.</param>
    /// <param name="family">The API family.</param>
    /// <param name="category">The catalog category.</param>
    /// <param name="resultKind">What the model produces.</param>
    /// <param name="createPath">The create endpoint's path.</param>
    /// <param name="statusPath">The status endpoint's path.</param>
    /// <param name="bodyStyle">Where the parameters go in the body.</param>
    /// <param name="callbackField">The callback URL field's wire name.</param>
    /// <param name="callbackRequired">Whether Kie rejects a create without a callback URL.</param>
    /// <param name="callPath">
    /// For a synchronous endpoint (answered at once, no task to poll): its path; then <paramref name="createPath"/>,
    /// <paramref name="statusPath"/> and <paramref name="callbackField"/> are empty. Null for a model that creates tasks.
    /// </param>
    public KieModelInfo(
        string modelId,
        KieApiFamily family,
        string category,
        KieResultKind resultKind,
        string createPath,
        string statusPath,
        KieBodyStyle bodyStyle,
        string callbackField,
        bool callbackRequired,
        string? callPath = null)
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
        CallPath = callPath;
    }

    /// <summary>The Kie model id (Market) or operation key (special families), e.g. <c>kling-2.6/image-to-video</c>.</summary>
    public string ModelId { get; }

    /// <summary>The API family.</summary>
    public KieApiFamily Family { get; }

    /// <summary>The catalog category (<c>image</c>, <c>video</c>, <c>audio</c>, <c>music</c>, ...).</summary>
    public string Category { get; }

    /// <summary>What the finished task produces.</summary>
    public KieResultKind ResultKind { get; }

    /// <summary>Path of the create endpoint, relative to the API base address; empty for a synchronous call.</summary>
    public string CreatePath { get; }

    /// <summary>Path of the status endpoint, relative to the API base address (takes <c>?taskId=</c>); empty for a synchronous call.</summary>
    public string StatusPath { get; }

    /// <summary>Where the parameters go in the body.</summary>
    public KieBodyStyle BodyStyle { get; }

    /// <summary>Wire name of the callback URL field (<c>callBackUrl</c> on every documented family); empty for a synchronous call, which takes none.</summary>
    public string CallbackField { get; }

    /// <summary>Whether Kie rejects a create request without a callback URL (Suno does).</summary>
    public bool CallbackRequired { get; }

    /// <summary>
    /// The path of a synchronous endpoint (the schema file's <c>endpoint.call</c>, e.g. <c>/api/v1/omni/audio/create</c>):
    /// the request is posted there and Kie answers with the result at once (<c>KieClient.CallAsync</c>). Null for a
    /// model that creates a task.
    /// </summary>
    public string? CallPath { get; }

    /// <summary>True for a synchronous endpoint (<see cref="CallPath"/> is set): no task, no status, no callback.</summary>
    public bool IsSynchronous => CallPath is not null;

    /// <inheritdoc />
    public override string ToString() => $"{ModelId} ({Family})";
}
