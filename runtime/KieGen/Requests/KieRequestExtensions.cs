using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using KieGen.Validation;

namespace KieGen.Requests;

/// <summary>Serialization of any request into the wire body of its family.</summary>
public static class KieRequestExtensions
{
    /// <summary>
    /// Writes the complete create-task body in the family's shape: <c>{model, callBackUrl, top-level fields, input}</c> for the Market,
    /// the parameters plus <c>callBackUrl</c> at the top level for the special families, the parameters alone for a
    /// synchronous call.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="callbackUrl"/> is given for a synchronous call, which takes none.</exception>
    public static void WriteBody(this IKieRequest request, Utf8JsonWriter writer, string? callbackUrl = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writer);
        var info = request.ModelInfo;
        if (info.IsSynchronous && callbackUrl is not null)
        {
            throw new ArgumentException($"'{info.ModelId}' is a synchronous call ({info.CallPath}): Kie answers it at once and takes no callback URL.", nameof(callbackUrl));
        }

        writer.WriteStartObject();
        if (info.BodyStyle == KieBodyStyle.Input)
        {
            writer.WriteString("model"u8, info.ModelId);
            if (callbackUrl is not null)
            {
                writer.WriteString(info.CallbackField, callbackUrl);
            }

            request.WriteTopLevelProperties(writer);
            writer.WritePropertyName("input"u8);
            writer.WriteStartObject();
            request.WriteProperties(writer);
            writer.WriteEndObject();
        }
        else
        {
            request.WriteProperties(writer);
            if (callbackUrl is not null)
            {
                writer.WriteString(info.CallbackField, callbackUrl);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Serializes the create-task body to UTF-8 JSON.</summary>
    public static byte[] ToJsonBody(this IKieRequest request, string? callbackUrl = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteBody(writer, callbackUrl);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes only the parameters object (the Market <c>input</c>) to UTF-8 JSON.</summary>
    public static byte[] ToJsonParameters(this IKieRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            request.WriteProperties(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Throws <see cref="KieValidationException"/> listing every error when the request is invalid. Warnings (limits the
    /// schema marks advisory) do not throw; <see cref="Validate{T}"/> or <see cref="IKieRequest.Validate"/> lists them.
    /// </summary>
    public static T EnsureValid<T>(this T request)
        where T : IKieRequest => request.EnsureValid(strict: false);

    /// <summary>
    /// Throws <see cref="KieValidationException"/> when the request has errors or, with <paramref name="strict"/>, any
    /// finding at all (every documented limit enforced, advisory ones included). Returns the request otherwise.
    /// </summary>
    public static T EnsureValid<T>(this T request, bool strict)
        where T : IKieRequest
    {
        ArgumentNullException.ThrowIfNull(request);
        var blocking = Support.KieCheck.Blocking(request.Validate(), strict);
        if (blocking.Count > 0)
        {
            throw new KieValidationException(request.ModelInfo.ModelId, blocking);
        }

        return request;
    }

    /// <summary>
    /// Every finding of <see cref="IKieRequest.Validate"/>, or with <paramref name="strict"/> the same findings with
    /// every warning reported as an error (for teams that enforce every documented limit).
    /// </summary>
    public static IReadOnlyList<KieValidationError> Validate<T>(this T request, bool strict)
        where T : IKieRequest
    {
        ArgumentNullException.ThrowIfNull(request);
        var findings = request.Validate();
        if (!strict)
        {
            return findings;
        }

        var errors = new List<KieValidationError>(findings.Count);
        foreach (var finding in findings)
        {
            errors.Add(finding.IsError ? finding : new KieValidationError(finding.Path, finding.Keyword, finding.Message, KieValidationSeverity.Error, finding.Reason));
        }

        return errors;
    }
}
