using System.Reflection;

namespace KieGen.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot checks with Verify's conventions (Verify itself is not available here): the expected text sits beside
/// the test as <c>Snapshots/Name.verified.cs</c>; a mismatch writes <c>Name.received.cs</c> next to it and fails.
/// Set KIEGEN_ACCEPT_SNAPSHOTS=1 to accept the received text.
/// </summary>
public static class Snapshot
{
    private static readonly string ProjectDirectory = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProjectDirectory").Value!;

    public static void Match(string actual, string name)
    {
        var directory = Path.Combine(ProjectDirectory, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        var accept = Environment.GetEnvironmentVariable("KIEGEN_ACCEPT_SNAPSHOTS") == "1";
        var expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (accept)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot yet: review {received} and rename it to {Path.GetFileName(verified)} (or run with KIEGEN_ACCEPT_SNAPSHOTS=1)."
            : $"Generated code differs from {verified}; the new text is in {received}.");
    }
}
