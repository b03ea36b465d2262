using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace KieGen.Testing;

/// <summary>
/// The fake server's host lifetime: none of its own. The default console lifetime would take Ctrl+C and SIGTERM away
/// from the program that embeds the fake, stop only the fake, and leave that program running; with this one the
/// signals reach the program (and its own host, if any), and the fake stops when it is disposed.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
