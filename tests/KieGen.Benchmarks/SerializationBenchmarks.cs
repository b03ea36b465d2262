// The veo3.1/* types are deprecated (Kie moved Veo to veo-3-1 on its unified job API) but stay for one release;
// these exercise them on purpose, so the obsolete warning is expected here.
#pragma warning disable CS0618
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using KieGen.Models.Video;

namespace KieGen.Benchmarks;

/// <summary>A generated request's writer against System.Text.Json's source-generated serializer on an equivalent class.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Utf8JsonWriter _writer = null!;
    private Veo3_1GenerateRequest _generated = null!;
    private VeoEquivalent _equivalent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer);
        _generated = new Veo3_1GenerateRequest
        {
            Prompt = "A paper boat sailing down a rainy street, cinematic, shallow depth of field",
            ImageUrls = ["https://example.com/frame-1.png", "https://example.com/frame-2.png"],
            Model = Veo3_1GenerateModel.Veo3Fast,
            GenerationType = Veo3_1GenerateGenerationType.FirstAndLastFrames2Video,
            AspectRatio = Veo3_1GenerateAspectRatio.Ratio9x16,
            Resolution = Veo3_1GenerateResolution.V1080p,
            Duration = Veo3_1GenerateDuration.Seconds8,
            EnableTranslation = true,
        };
        _equivalent = new VeoEquivalent
        {
            Prompt = _generated.Prompt,
            ImageUrls = ["https://example.com/frame-1.png", "https://example.com/frame-2.png"],
            Model = "veo3_fast",
            GenerationType = "FIRST_AND_LAST_FRAMES_2_VIDEO",
            AspectRatio = "9:16",
            Resolution = "1080p",
            Duration = 8,
            EnableTranslation = true,
        };
    }

    [Benchmark(Baseline = true)]
    public long SystemTextJsonSourceGenerated()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _equivalent, BenchmarkJsonContext.Default.VeoEquivalent);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public long KieGenGenerated()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _generated.WriteProperties(_writer);
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}

/// <summary>The Veo request as a plain class with enums as their wire strings, the way one would write it by hand.</summary>
public sealed class VeoEquivalent
{
    [JsonPropertyName("prompt")] public string Prompt { get; set; } = "";
    [JsonPropertyName("imageUrls")] public IReadOnlyList<string>? ImageUrls { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("generationType")] public string? GenerationType { get; set; }
    [JsonPropertyName("aspect_ratio")] public string? AspectRatio { get; set; }
    [JsonPropertyName("resolution")] public string? Resolution { get; set; }
    [JsonPropertyName("duration")] public long? Duration { get; set; }
    [JsonPropertyName("watermark")] public string? Watermark { get; set; }
    [JsonPropertyName("enableTranslation")] public bool? EnableTranslation { get; set; }
    [JsonPropertyName("enableFallback")] public bool? EnableFallback { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VeoEquivalent))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext
{
}
