using System;

namespace KieGen.Callbacks;

/// <summary>Callbacks: where Kie should post results, how to verify them, and how long to wait for one before polling.</summary>
public sealed class KieCallbackOptions
{
    /// <summary>
    /// The public address of your app (e.g. <c>https://app.example.com/</c>). When set, the client adds a callback URL
    /// to every request it submits without one, and waits for the callback instead of polling.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// Accepts an <c>http://</c> <see cref="PublicBaseUrl"/> that is not loopback (a development tunnel); otherwise it
    /// must be https. <c>AddKieCallbacks</c> sets it in the Development environment.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>The path <c>MapKieCallbacks</c> listens on.</summary>
    public string Path { get; set; } = "/kie/callbacks";

    /// <summary>The webhook HMAC key from Kie's settings page. Never logged.</summary>
    public string? HmacKey { get; set; }

    /// <summary>The previous key, still accepted while you rotate.</summary>
    public string? PreviousHmacKey { get; set; }

    /// <summary>How far a callback's timestamp may be from now (Kie states none; 5 minutes by default).</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a callback-driven wait goes without news before it polls once (Kie gives up after 3 failed deliveries).</summary>
    public TimeSpan FallbackPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The query parameter that carries the per-task correlation value in the callback URL.</summary>
    public const string CorrelationParameter = "kie-task";

    /// <summary>The callback URL for one submission.</summary>
    internal string CallbackUrl(string correlation) =>
        new Uri(PublicBaseUrl!, Path.TrimStart('/')) + "?" + CorrelationParameter + "=" + correlation;

    /// <inheritdoc />
    public override string ToString() =>
        $"callbacks {(PublicBaseUrl is null ? "off" : new Uri(PublicBaseUrl, Path.TrimStart('/')).ToString())}, HMAC key {(HmacKey is null ? "missing" : "set")}";
}
