using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KieGen.PostgreSql;

/// <summary>Checks <see cref="KiePostgreSqlOptions"/>, naming the setting that is wrong.</summary>
internal sealed partial class KiePostgreSqlOptionsValidator : IValidateOptions<KiePostgreSqlOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KiePostgreSqlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string prefix = KiePostgreSqlOptions.SectionName + ":";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add(prefix + "ConnectionString is missing: set it to an Npgsql connection string.");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException e)
            {
                // The message names the bad keyword; the string itself may hold a password and is not repeated.
                errors.Add(prefix + "ConnectionString is not a valid Npgsql connection string: " + e.Message);
            }
        }

        if (!Identifier().IsMatch(options.NotificationChannel ?? ""))
        {
            errors.Add(prefix + "NotificationChannel must be a lower-case identifier (letters, digits, _; at most 63).");
        }

        Positive(errors, prefix + "TaskMaxAge", options.TaskMaxAge);
        Positive(errors, prefix + "TaskRetentionAfterCompletion", options.TaskRetentionAfterCompletion);
        Positive(errors, prefix + "Retention", options.Retention);
        Positive(errors, prefix + "ReconnectDelay", options.ReconnectDelay);
        if (options.MaxPendingCallbacks < 1)
        {
            errors.Add(prefix + "MaxPendingCallbacks must be at least 1.");
        }

        if (options.MaxReconnectDelay < options.ReconnectDelay)
        {
            errors.Add(prefix + "MaxReconnectDelay must be at least ReconnectDelay.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> naming every problem.</summary>
    public static void ThrowIfInvalid(KiePostgreSqlOptions options)
    {
        var result = new KiePostgreSqlOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(KiePostgreSqlOptions), result.Failures);
        }
    }

    private static void Positive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(setting + " must be longer than zero.");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
