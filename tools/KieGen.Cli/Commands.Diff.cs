using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Client;

namespace KieGen.Cli;

/// <summary><c>kiegen diff</c>: the drift report, the files it may write, and its exit codes.</summary>
internal static partial class Commands
{
    /// <summary>Exit code: the folder matches Kie.</summary>
    public const int NoDrift = 0;

    /// <summary>Exit code: Kie changed (also when the changes were written into the folder).</summary>
    public const int DriftFound = 1;

    /// <summary>Exit code: the check could not be made (no key, refused key, network, bad folder, Kie error); never 1.</summary>
    public const int CouldNotCheck = 2;

    /// <summary>The exit codes in words, for the command's help and the README.</summary>
    public const string DiffExitCodes = "Exit codes: 0 no drift; 1 drift found (also when files were written); 2 could not check (no or refused API key, network, bad folder, Kie error).";

    /// <summary>
    /// Prints the drift report (lines, written files, summary), writes what <paramref name="writes"/> allows and the
    /// JSON report, and returns <see cref="NoDrift"/>, <see cref="DriftFound"/> or <see cref="CouldNotCheck"/>.
    /// </summary>
    public static async Task<int> DiffAsync(Func<KieClient> connect, DirectoryInfo folder, DiffWrites writes, FileInfo? json, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        DriftReport report;
        try
        {
            using var client = connect();
            report = await DriftCheck.RunAsync(client, folder, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever stopped the check, the answer is "could not check", never "drift".
            await errors.WriteLineAsync($"error: could not check {folder.FullName}: {e.Message}");
            return CouldNotCheck;
        }

        foreach (var line in report.Lines())
        {
            await output.WriteLineAsync(line);
        }

        foreach (var problem in report.Unsynced)
        {
            await errors.WriteLineAsync($"unknown: {problem.Model}: {problem.Reason}");
        }

        foreach (var problem in report.Errors)
        {
            await errors.WriteLineAsync($"error: {problem.Model}: {problem.Reason}");
        }

        var written = new List<WrittenFile>();
        try
        {
            if (writes.HasFlag(DiffWrites.New))
            {
                foreach (var model in report.New)
                {
                    written.Add(Write(folder, model.File));
                }

                // The old file stays: whether users move to the new id, and when, is the team's decision.
                foreach (var rename in report.Renamed)
                {
                    written.Add(Write(folder, rename.File));
                }
            }

            if (writes.HasFlag(DiffWrites.Changed))
            {
                foreach (var change in report.Changed)
                {
                    written.Add(Write(change.Local.Path, change.Current));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"error: could not write into {folder.FullName}: {e.Message}");
            return CouldNotCheck;
        }

        foreach (var file in written)
        {
            await output.WriteLineAsync(file.ToString());
        }

        var code = report.Errors.Count > 0 ? CouldNotCheck : report.HasDrift ? DriftFound : NoDrift;
        await output.WriteLineAsync(report.Summary(written.Count));
        if (json is not null)
        {
            try
            {
                var text = report.ToJson(folder.FullName, DateTimeOffset.UtcNow, written, code).ToJsonString(Pretty) + "\n";
                WriteAtomically(json.FullName, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await errors.WriteLineAsync($"error: could not write the report {json.FullName}: {e.Message}");
                return CouldNotCheck;
            }
        }

        return code;
    }
}
