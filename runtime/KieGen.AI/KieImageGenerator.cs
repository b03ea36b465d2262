using System;
using System.Collections.Generic;
using System.Drawing;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.Requests;
using KieGen.Tasks;
using Microsoft.Extensions.AI;

namespace KieGen.AI;

/// <summary>
/// An <see cref="IImageGenerator"/> over any image model of a KieGen catalog. The request maps onto the model's
/// parameters by their roles (<c>x-kie-role</c>): the prompt, input images (<see cref="DataContent"/> uploaded
/// through Kie's file upload, <see cref="UriContent"/> passed as URLs), the count, the size as the model's aspect
/// ratio or size value, and the media type as its output format. An option the model cannot honour throws an
/// <see cref="ArgumentException"/> naming the model and the parameter. Model-specific parameters go in
/// <see cref="ImageGenerationOptions.AdditionalProperties"/> under their wire names and are validated by the
/// model's schema; the reserved key <c>kie.progress</c> takes an <see cref="IProgress{T}"/> of
/// <see cref="KieTaskProgress"/>. The response's <see cref="ImageGenerationResponse.RawRepresentation"/> is the
/// <see cref="KieTaskResult"/> (task id, URLs, credits).
/// </summary>
public sealed class KieImageGenerator : IImageGenerator
{
    /// <summary>Where uploaded input images go on Kie's file host.</summary>
    public const string UploadPath = "kiegen-ai/images";

    private readonly KieTaskAdapter _adapter;

    /// <summary>Creates a generator for <paramref name="modelId"/> of <paramref name="catalog"/> (the compiled catalog when null).</summary>
    /// <param name="client">The client every call goes through, with its limits.</param>
    /// <param name="modelId">The default model; <see cref="ImageGenerationOptions.ModelId"/> picks another of the catalog per call.</param>
    /// <param name="catalog">The models to choose from; <c>KieGenCatalog.Models</c> when null.</param>
    public KieImageGenerator(KieClient client, string modelId, KieModelCatalog? catalog = null) =>
        _adapter = KieTaskAdapter.Create(client, modelId, catalog, (address, model) => new ImageGeneratorMetadata(KieTaskAdapter.ProviderName, address, model));

    /// <inheritdoc />
    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var map = _adapter.Map(options?.ModelId);
        if (request.Prompt is { } prompt)
        {
            map.SetText(map.Require(KieParameterRoles.Prompt, "ImageGenerationRequest.Prompt"), prompt, nameof(request));
        }

        if (request.OriginalImages?.Any() == true)
        {
            var parameter = map.Require(KieParameterRoles.ImageInput, "ImageGenerationRequest.OriginalImages");
            map.SetUrls(parameter, await InputUrlsAsync(map.ModelId, request.OriginalImages, cancellationToken).ConfigureAwait(false), "ImageGenerationRequest.OriginalImages");
        }

        if (options is not null)
        {
            MapOptions(map, options);
        }

        map.AddAdditional(options?.AdditionalProperties);
        var kieRequest = map.Build(nameof(request));
        var result = await _adapter.RunAsync(kieRequest, options?.AdditionalProperties, cancellationToken).ConfigureAwait(false);
        var download = options?.ResponseFormat == ImageGenerationResponseFormat.Data;
        var contents = await _adapter.ContentsAsync(result, download, "image/png", cancellationToken).ConfigureAwait(false);
        return new ImageGenerationResponse(contents) { RawRepresentation = result };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => _adapter.GetService(serviceType, serviceKey, this);

    /// <inheritdoc />
    public void Dispose()
    {
        // The client belongs to whoever created it (usually the service provider).
    }

    private static void MapOptions(KieParameterMap map, ImageGenerationOptions options)
    {
        if (options.Count is { } count)
        {
            var parameter = map.Find(KieParameterRoles.Count);
            if (parameter is not null)
            {
                map.SetNumber(parameter, count, "ImageGenerationOptions.Count");
            }
            else if (count != 1)
            {
                map.Require(KieParameterRoles.Count, "ImageGenerationOptions.Count");
            }
        }

        if (options.ImageSize is { } size)
        {
            MapSize(map, size);
        }

        if (options.MediaType is { } mediaType)
        {
            var parameter = map.Require(KieParameterRoles.OutputFormat, "ImageGenerationOptions.MediaType");
            var words = MediaTypes.FormatWords(mediaType);
            var value = parameter.EnumValues.Count == 0 ? words[0]
                : parameter.EnumValues.FirstOrDefault(v => words.Contains(v, StringComparer.OrdinalIgnoreCase)) ?? words[0];
            map.SetText(parameter, value, "ImageGenerationOptions.MediaType");
        }
    }

    /// <summary>
    /// A size in pixels goes to the model's size parameter when it has that value (<c>1024x1024</c>), else to its
    /// aspect ratio (<c>16:9</c> from 1920x1080); a ratio the model does not offer is refused naming the parameter.
    /// </summary>
    private static void MapSize(KieParameterMap map, Size size)
    {
        const string Option = "ImageGenerationOptions.ImageSize";
        if (size.Width <= 0 || size.Height <= 0)
        {
            throw new ArgumentException($"{Option} must be positive, not {size.Width}x{size.Height}.", nameof(size));
        }

        var pixels = size.Width.ToString(System.Globalization.CultureInfo.InvariantCulture) + "x" + size.Height.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sizeParameter = map.Find(KieParameterRoles.Size);
        if (sizeParameter is not null && (sizeParameter.EnumValues.Count == 0 || sizeParameter.EnumValues.Contains(pixels, StringComparer.OrdinalIgnoreCase)))
        {
            map.SetText(sizeParameter, pixels, Option);
            return;
        }

        var divisor = Gcd(size.Width, size.Height);
        var ratio = (size.Width / divisor).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + (size.Height / divisor).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ratioParameter = map.Find(KieParameterRoles.AspectRatio);
        if (ratioParameter is not null)
        {
            map.SetText(ratioParameter, ratio, Option + " (" + pixels + ")");
            return;
        }

        if (sizeParameter is not null)
        {
            map.SetText(sizeParameter, pixels, Option);
            return;
        }

        map.Require(KieParameterRoles.AspectRatio, Option);
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>Uploads each <see cref="DataContent"/> through Kie's file upload; passes each <see cref="UriContent"/> as it is.</summary>
    private async Task<List<Uri>> InputUrlsAsync(string modelId, IEnumerable<AIContent> images, CancellationToken cancellationToken)
    {
        var urls = new List<Uri>();
        var index = 0;
        foreach (var image in images)
        {
            index++;
            switch (image)
            {
                case DataContent data:
                    var name = data.Name ?? "input-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + MediaTypes.Extension(data.MediaType);
                    var uploaded = await _adapter.Client.UploadAsync(data.Data, name, UploadPath, cancellationToken).ConfigureAwait(false);
                    urls.Add(uploaded.DownloadUrl);
                    break;
                case UriContent uri:
                    urls.Add(uri.Uri);
                    break;
                default:
                    throw new ArgumentException(
                        $"Model '{modelId}' takes input images as DataContent or UriContent; image {index} is a {image.GetType().Name}.", nameof(images));
            }
        }

        return urls;
    }
}
