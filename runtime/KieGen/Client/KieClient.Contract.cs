using System;

namespace KieGen.Client;

/// <summary>The client implements <see cref="IKieClient"/>, declared here so the contract has one place of its own.</summary>
public sealed partial class KieClient : IKieClient
{
    /// <inheritdoc />
    public Uri BaseAddress => _options.BaseAddress;
}
