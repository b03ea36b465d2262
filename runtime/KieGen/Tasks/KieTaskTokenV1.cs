using System;
using KieGen.Requests;

namespace KieGen.Tasks;

/// <summary>
/// Version-1 task tokens stored the family and result kind as enum numbers. These tables freeze what those numbers
/// meant when version 1 was written, so old tokens keep their meaning whatever order the enums have now.
/// </summary>
internal static class KieTaskTokenV1
{
    private static readonly KieApiFamily[] Families =
    [
        KieApiFamily.Market, KieApiFamily.Veo, KieApiFamily.Suno, KieApiFamily.Runway, KieApiFamily.Aleph,
        KieApiFamily.Gpt4oImage, KieApiFamily.FluxKontext, KieApiFamily.Midjourney, KieApiFamily.Luma,
    ];

    private static readonly KieResultKind[] ResultKinds =
    [
        KieResultKind.Image, KieResultKind.Video, KieResultKind.Audio, KieResultKind.Music, KieResultKind.Text, KieResultKind.Object,
    ];

    public static KieApiFamily Family(int number) => (uint)number < (uint)Families.Length
        ? Families[number]
        : throw new FormatException($"'f' holds {number}, which no version-1 token used for a family.");

    public static KieResultKind ResultKind(int number) => (uint)number < (uint)ResultKinds.Length
        ? ResultKinds[number]
        : throw new FormatException($"'r' holds {number}, which no version-1 token used for a result kind.");
}
