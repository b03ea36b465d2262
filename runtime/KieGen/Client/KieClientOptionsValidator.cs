using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace KieGen.Client;

/// <summary>
/// Checks <see cref="KieClientOptions"/> when the app starts (<c>AddKieClient</c> registers it with
/// <c>ValidateOnStart</c>) and when a client is created with <c>new KieClient(options)</c>: every failure names the
/// configuration value and what would fix it.
/// </summary>
internal sealed class KieClientOptionsValidator : IValidateOptions<KieClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KieClientOptions options)
    {
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(KieClientOptions options)
    {
        var failures = Failures(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(KieClientOptions), failures);
        }
    }

    /// <summary>Every problem of the options, each naming its configuration value.</summary>
    public static List<string> Failures(KieClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string S = KieClientOptions.SectionName;
        var failures = new List<string>();
        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{S}:{key} must be longer than zero (it is {value}).");
            }
        }

        void AtLeast(int value, int minimum, string key)
        {
            if (value < minimum)
            {
                failures.Add($"{S}:{key} must be at least {minimum} (it is {value}).");
            }
        }

        ApiAddress(options.BaseAddress, "BaseAddress", failures);
        ApiAddress(options.UploadBaseAddress, "UploadBaseAddress", failures);
        Positive(options.RequestTimeout, nameof(options.RequestTimeout));
        Positive(options.CreateWindow, nameof(options.CreateWindow));
        Positive(options.WaitTimeout, nameof(options.WaitTimeout));
        AtLeast(options.CreateLimit, 1, nameof(options.CreateLimit));
        AtLeast(options.StatusLimitPerSecond, 1, nameof(options.StatusLimitPerSecond));
        AtLeast(options.SubmitRetries, 0, nameof(options.SubmitRetries));
        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{S}:MaxRetryAfter must not be negative (it is {options.MaxRetryAfter}).");
        }

        if (options.NotVisibleGracePeriod < TimeSpan.Zero)
        {
            failures.Add($"{S}:NotVisibleGracePeriod must not be negative (it is {options.NotVisibleGracePeriod}).");
        }

        if (options.PollInterval is { } poll)
        {
            Positive(poll, nameof(options.PollInterval));
        }

        var callbacks = options.Callbacks;
        if (callbacks is null)
        {
            failures.Add($"{S}:Callbacks must not be null.");
            return failures;
        }

        Positive(callbacks.Tolerance, "Callbacks:Tolerance");
        Positive(callbacks.FallbackPollInterval, "Callbacks:FallbackPollInterval");
        if (string.IsNullOrEmpty(callbacks.Path) || callbacks.Path[0] != '/')
        {
            failures.Add($"{S}:Callbacks:Path must start with '/' (it is '{callbacks.Path}').");
        }

        if (callbacks.PublicBaseUrl is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{S}:Callbacks:PublicBaseUrl must be an absolute https URL (it is '{url}').");
            }
            else if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback && !callbacks.AllowHttp)
            {
                failures.Add($"{S}:Callbacks:PublicBaseUrl must use https outside development (it is '{url}'); Kie would post results in clear text. Set {S}:Callbacks:AllowHttp only for a development tunnel.");
            }

            if (string.IsNullOrEmpty(callbacks.HmacKey))
            {
                failures.Add($"{S}:Callbacks:HmacKey is required when {S}:Callbacks:PublicBaseUrl is set: without it every genuine callback is refused (401). Copy the webhook HMAC key from Kie's settings page, or remove PublicBaseUrl to poll instead.");
            }
        }

        return failures;
    }

    private static void ApiAddress(Uri? address, string key, List<string> failures)
    {
        if (address is null || !address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{KieClientOptions.SectionName}:{key} must be an absolute https URL (it is '{address}').");
        }
        else if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback)
        {
            failures.Add($"{KieClientOptions.SectionName}:{key} must use https unless it is a local test server (it is '{address}'): the API key would travel in clear text.");
        }
    }
}
