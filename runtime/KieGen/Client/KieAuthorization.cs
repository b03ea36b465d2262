using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Client;

/// <summary>
/// Puts the API key on a request only when the client asked for it and the request goes to the configured Kie API or
/// upload address. A file host, a redirect target or any other host never sees the key.
/// </summary>
internal static class KieAuthorization
{
    /// <summary>Set by the client on the requests that need the key (never on downloads).</summary>
    public static readonly HttpRequestOptionsKey<bool> Wanted = new("KieGen.Authorization");

    /// <summary>Attaches or removes the Authorization header according to the request's flag and host.</summary>
    public static void Apply(HttpRequestMessage request, KieClientOptions options, string? apiKey)
    {
        request.Headers.Authorization = request.Options.TryGetValue(Wanted, out var wanted) && wanted && apiKey is not null && IsKieAddress(request.RequestUri, options)
            ? new AuthenticationHeaderValue("Bearer", apiKey)
            : null;
    }

    /// <summary>Whether <paramref name="uri"/> is on the API or upload address (same scheme, host and port, under its path).</summary>
    public static bool IsKieAddress(Uri? uri, KieClientOptions options) =>
        uri is { IsAbsoluteUri: true } && (IsUnder(uri, options.BaseAddress) || IsUnder(uri, options.UploadBaseAddress));

    private static bool IsUnder(Uri uri, Uri? address) =>
        address is { IsAbsoluteUri: true }
        && Uri.Compare(uri, address, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
        && uri.AbsolutePath.StartsWith(address.AbsolutePath, StringComparison.Ordinal);
}

/// <summary>
/// The HttpClientFactory handler of the <c>KieGen</c> client: attaches the key (see <see cref="KieAuthorization"/>)
/// right above the primary handler, so no logging handler of the factory ever sees it.
/// </summary>
internal sealed class KieAuthorizationHandler(KieClientOptions options) : DelegatingHandler
{
    private readonly string? _apiKey = options.ResolveApiKey();

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        KieAuthorization.Apply(request, options, _apiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
