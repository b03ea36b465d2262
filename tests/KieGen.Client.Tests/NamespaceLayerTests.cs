using System.Reflection;
using KieGen.Callbacks;

namespace KieGen.Client.Tests;

/// <summary>
/// The namespaces of the KieGen assembly form layers: <c>KieGen.Client</c> uses <c>KieGen.Callbacks</c> (the task store
/// and completion notifier it persists to), both use <c>KieGen.Tasks</c>, and nothing points back up. Read from the
/// compiled assembly, signatures and method bodies alike (so a call inside a method counts, not only a public type).
/// </summary>
public class NamespaceLayerTests
{
    private static readonly Assembly KieGenAssembly = typeof(KieClient).Assembly;

    [Theory]
    [InlineData("KieGen.Callbacks", "KieGen.Client")]
    [InlineData("KieGen.Tasks", "KieGen.Client")]
    [InlineData("KieGen.Tasks", "KieGen.Callbacks")]
    public void A_lower_namespace_never_uses_a_higher_one(string lower, string higher)
    {
        var uses = NamespaceReferences.Find(KieGenAssembly, lower, higher);
        Assert.True(uses.Count == 0, $"{lower} must not use {higher}, but:\n  " + string.Join("\n  ", uses));
    }

    [Fact]
    public void The_reader_sees_uses_in_signatures_and_in_method_bodies()
    {
        // The direction that is allowed is found, so an empty answer above means "none", not "could not read".
        var clientUsesCallbacks = NamespaceReferences.Find(KieGenAssembly, "KieGen.Client", "KieGen.Callbacks");
        Assert.Contains(clientUsesCallbacks, use => use.Contains(nameof(IKieTaskStore), StringComparison.Ordinal));
        var callbacksUseTasks = NamespaceReferences.Find(KieGenAssembly, "KieGen.Callbacks", "KieGen.Tasks");
        Assert.Contains(callbacksUseTasks, use => use.Contains(nameof(KieTaskStatus), StringComparison.Ordinal));

        // A use only inside a method body (a constructor call, no signature names the type).
        var bodyOnly = NamespaceReferences.Find([typeof(BodyOnlyProbe)], "KieGen.Tasks");
        Assert.Equal([$"{typeof(BodyOnlyProbe).FullName}: {typeof(KieTrack).FullName}"], bodyOnly);
    }

    /// <summary>Only its method body names a <c>KieGen.Tasks</c> type: what the reader must still find.</summary>
    private static class BodyOnlyProbe
    {
        public static string Describe() => new KieTrack("a1", null, null, null, null, null, null).Id;
    }
}
