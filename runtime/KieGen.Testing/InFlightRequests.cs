using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace KieGen.Testing;

/// <summary>
/// A handler that counts the HTTP calls a client has in flight, so a test on a <see cref="ManualTimeProvider"/> moves
/// the clock only while the code under test is not waiting for an answer (else a request timeout on the manual clock
/// would fire while the real server is still answering).
/// </summary>
public sealed class InFlightRequests : DelegatingHandler
{
    private int _count;

    /// <summary>Creates the handler around <paramref name="inner"/>, or around a handler that follows no redirects.</summary>
    public InFlightRequests(HttpMessageHandler? inner = null) => InnerHandler = inner ?? new SocketsHttpHandler { AllowAutoRedirect = false };

    /// <summary>Calls sent and not yet answered (headers read).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
