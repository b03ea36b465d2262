namespace KieGen.Validation;

/// <summary>How much a validation finding weighs: whether Kie would reject the request, or only a documented limit is broken.</summary>
public enum KieValidationSeverity
{
    /// <summary>
    /// Kie rejects the request: its schema says so and nothing contradicts it, or Kie was seen rejecting it. Builders
    /// and <c>SubmitAsync</c> throw <see cref="KieValidationException"/>.
    /// </summary>
    Error = 0,

    /// <summary>
    /// A documented limit that Kie's accepted traffic contradicts, or that nothing confirms (the schema marks it
    /// <c>x-kie-advisory</c>, with the reason), or a member Kie does not know and would ignore. The request is sent;
    /// the finding is logged. Strict validation turns warnings into errors.
    /// </summary>
    Warning = 1,
}
