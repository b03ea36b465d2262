using System.Diagnostics;
using System.Threading.Tasks;
using KieGen.Catalog.Tests.Infrastructure;

namespace KieGen.Catalog.Tests;

/// <summary>
/// The catalog files are exactly what <c>tools/kie-catalog/convert.py</c> writes from the reference and
/// <c>curation.json</c>, so running the converter again never undoes a hand edit: an edit to a generated file that is
/// not in the curation fails here. Needs python3 (skipped, saying so, where there is none).
/// </summary>
public class ConverterTests
{
    [Fact]
    public async Task The_schema_files_are_what_the_converter_writes_from_the_reference_and_the_curation()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "tools", "kie-catalog", "convert.py"));
        start.ArgumentList.Add("--check");
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Skip("python3 is not installed, so tools/kie-catalog/convert.py --check cannot run: " + e.Message);
            return;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, "convert.py --check: " + await output + await errors
                + "\nPut hand edits of generated files in tools/kie-catalog/curation.json, then run tools/kie-catalog/convert.py.");
            Assert.Contains("0 file(s) differ", await errors, StringComparison.Ordinal);
        }
    }
}
