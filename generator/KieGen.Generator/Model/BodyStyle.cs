namespace KieGen.Generator.Model;

/// <summary>
/// How a request body is shaped (the file's <c>bodyStyle</c>). Members are named as the runtime's
/// <c>KieGen.Requests.KieBodyStyle</c>, whose members generated code names; a test holds the two equal.
/// </summary>
internal enum BodyStyle
{
    /// <summary><c>{model, callBackUrl, input}</c>: the parameters in an <c>input</c> object.</summary>
    Input,

    /// <summary>The parameters at the top level of the body.</summary>
    Flat,
}
