using System;

namespace KieGen.Client;

/// <summary>A file uploaded to Kie's temporary storage (kept 3 days).</summary>
/// <param name="DownloadUrl">The URL to put in a request.</param>
/// <param name="FileName">The stored name.</param>
/// <param name="FilePath">The path under the upload storage.</param>
/// <param name="Size">Bytes.</param>
/// <param name="MimeType">The detected type.</param>
public sealed record KieUploadedFile(Uri DownloadUrl, string FileName, string FilePath, long Size, string? MimeType);
