namespace KieGen.PostgreSql.Tests.Infrastructure;

/// <summary>
/// Every test here runs against real time (PostgreSQL, processes, sockets): a bound turns a hang into a failure that
/// names the test, instead of a run that never ends. Far above any test's normal duration, never a timing assertion.
/// </summary>
public static class TestLimits
{
    /// <summary>A test that has not finished after this long fails (xUnit cancels its token and reports it).</summary>
    public const int TestMilliseconds = 180_000;

    /// <summary>One command of the private server's setup (initdb, pg_ctl); apt-get gets <see cref="Install"/>.</summary>
    public static readonly TimeSpan Command = TimeSpan.FromMinutes(2);

    /// <summary>Installing Debian's PostgreSQL on a fresh machine.</summary>
    public static readonly TimeSpan Install = TimeSpan.FromMinutes(10);
}
