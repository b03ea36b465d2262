using KieGen.PostgreSql.Tests.Infrastructure;
using Npgsql;

namespace KieGen.PostgreSql.Tests;

/// <summary>The private server answers, and every test's database is its own.</summary>
public class FixtureTests(PostgresServer server)
{
    [Fact(Timeout = TestLimits.TestMilliseconds)]
    public async Task Each_test_gets_an_empty_database_of_its_own()
    {
        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();
        Assert.NotEqual(first, second);
        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand("CREATE TABLE marker (id int)", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var other = new NpgsqlConnection(second);
        await other.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'", other);
        Assert.Equal(0L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
