using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Client;

public partial class KieClient
{
    /// <summary>
    /// Posts a JSON body to one of Kie's synchronous chat endpoints (<c>/&lt;model&gt;/v1/chat/completions</c>,
    /// <c>/claude/v1/messages</c>, ...) with the client's key, and returns the response as soon as its headers
    /// arrive, so a streamed (SSE) answer can be read as it comes. Chat calls create no task; the caller reads and
    /// disposes the response. A non-2xx answer is returned as it is, for the caller to read Kie's error from.
    /// </summary>
    /// <param name="path">The endpoint path relative to <see cref="KieClientOptions.BaseAddress"/>.</param>
    /// <param name="jsonBody">The UTF-8 JSON body.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <remarks>
    /// Internal, for KieGen.AI's <c>KieChatClient</c> (released with this package, through InternalsVisibleTo): raw
    /// HTTP stays off the public contract. Code that chats goes through <c>IChatClient</c>, which is what its tests
    /// substitute.
    /// </remarks>
    internal async Task<HttpResponseMessage> SendChatAsync(string path, ReadOnlyMemory<byte> jsonBody, CancellationToken cancellationToken = default)
    {
        if (_forMocking)
        {
            throw new InvalidOperationException(
                $"A chat client needs a real KieClient: {GetType().Name} was made by the protected constructor for mocking and cannot call Kie. To test code that chats, substitute its IChatClient instead.");
        }

        ArgumentException.ThrowIfNullOrEmpty(path);
        EnsureChatPath(path);
        var uri = new Uri(_options.BaseAddress, path.TrimStart('/'));
        if (!KieAuthorization.IsKieAddress(uri, _options))
        {
            throw new InvalidOperationException($"Refusing to send a Kie request to {uri.GetLeftPart(UriPartial.Authority)}: not the configured Kie address.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Options.Set(KieAuthorization.Wanted, true);
        if (!_keyByHandler)
        {
            KieAuthorization.Apply(request, _options, _apiKey);
        }

        request.Content = new ReadOnlyMemoryContent(jsonBody) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // The timeout covers the wait for the answer's headers; a stream then runs as long as the caller reads.
            return await _http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Kie did not answer within {_options.RequestTimeout}.", e);
        }
    }

    /// <summary>
    /// Chat paths live outside <c>/api/</c> (<c>/gemini-2.5-pro/v1/chat/completions</c>,
    /// <c>/gemini/v1/models/x:streamGenerateContent</c>): plain segments of letters, digits, <c>-_.:</c>, no dot
    /// segments, no query, so the key only ever goes to a path of the configured Kie address.
    /// </summary>
    private static void EnsureChatPath(string path)
    {
        var segments = path.Split('/');
        var plain = path[0] == '/' && segments.Length > 2 && segments.Skip(1).All(s =>
            s.Length > 0 && s != "." && s != ".." && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'));
        if (!plain)
        {
            throw new ArgumentException($"'{path}' is not a Kie chat endpoint path: it must be an absolute path of plain segments, e.g. /gemini-2.5-pro/v1/chat/completions.", nameof(path));
        }
    }
}
