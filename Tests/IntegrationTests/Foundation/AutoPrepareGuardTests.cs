using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

/// <summary>
/// Npgsql 10.0.3 keeps wrong books about an auto-prepared statement whose first prepared execution fails while
/// PostgreSQL binds it, and the next statement on that physical connection fails with "Received unexpected backend
/// message DataRow" (npgsql/npgsql#6391). Every service's database goes through <c>AddNpgsqlDatabase</c>, whose
/// <c>AutoPrepareGuard</c> unprepares such a connection. Here, against the real PostgreSQL, with one connection in the
/// pool and statements prepared on first use, so that the next insert lands on the connection the failure left:
/// without the guard each of these tests fails on that insert.
/// </summary>
public sealed class AutoPrepareGuardTests(AppFixture fixture)
{
    // A value the column refuses while the insert is bound (its parameter is planned into the statement).
    private const string TooLong = "longer than ten characters";

    [Fact]
    public async Task AnInsertRefusedWhileBoundLeavesTheConnectionSoundForTheNextOne()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = await StartAsync(ct);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => InsertAsync(host, TooLong, ct));
        Assert.Equal(PostgresErrorCodes.StringDataRightTruncation, Assert.IsType<PostgresException>(refused.InnerException).SqlState);

        await InsertAsync(host, "fine", ct);
        Assert.Equal(["fine"], await ValuesAsync(host, ct));
    }

    [Fact]
    public async Task AnInsertRefusedInsideATransactionLeavesTheConnectionSoundAfterTheRollback()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = await StartAsync(ct);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            // As the services write in a transaction: as one retriable unit of the context's execution strategy.
            var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            await Assert.ThrowsAsync<DbUpdateException>(() => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                db.Probes.Add(new Probe { Value = TooLong });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    await transaction.RollbackAsync(ct);
                    throw;
                }
            }));
        }

        await InsertAsync(host, "fine", ct);
        Assert.Equal(["fine"], await ValuesAsync(host, ct));
    }

    [Fact]
    public async Task ABatchSentOnTheConnectionDirectlyThatFailsInATransactionIsMendedWhenTheTransactionIsDisposed()
    {
        // The group-commit writers send their statements as one NpgsqlBatch on the context's connection, inside a
        // transaction EF Core began, and write a refused batch again item by item. EF Core sees neither the batch nor
        // its failure, only a transaction that was never committed.
        var ct = TestContext.Current.CancellationToken;
        using var host = await StartAsync(ct);

        await Assert.ThrowsAsync<PostgresException>(() => BatchInsertAsync(host, TooLong, ct));

        await BatchInsertAsync(host, "fine", ct);
        Assert.Equal(["fine"], await ValuesAsync(host, ct));
    }

    private static async Task BatchInsertAsync(IHost host, string value, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            BatchCommands = { new NpgsqlBatchCommand("INSERT INTO probes (value) VALUES ($1) RETURNING id") { Parameters = { new() { Value = value } } } },
        };
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    [Fact]
    public async Task WorkThatSucceedsKeepsItsPreparedStatements()
    {
        // The guard costs nothing while nothing fails: committed transactions and plain statements leave the
        // connection's prepared statements where they are (re-preparing them would cost PostgreSQL a parse and plan).
        var ct = TestContext.Current.CancellationToken;
        using var host = await StartAsync(ct);
        await InsertInTransactionAsync(host, "first", ct);
        await InsertAsync(host, "second", ct);
        var before = await PreparedAsync(host, ct);

        await InsertInTransactionAsync(host, "third", ct);
        await InsertAsync(host, "fourth", ct);
        await BatchInsertAsync(host, "fifth", ct);

        var after = await PreparedAsync(host, ct);
        Assert.NotEmpty(before);
        Assert.All(before, statement => Assert.Contains(statement, after));
    }

    private static async Task InsertInTransactionAsync(IHost host, string value, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Probes.Add(new Probe { Value = value });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
    }

    // The statements prepared on the pool's one connection, each with the moment it was prepared.
    private static async Task<List<string>> PreparedAsync(IHost host, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Database
            .SqlQueryRaw<string>("SELECT name || ' ' || prepare_time::text AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE 'INSERT%'")
            .ToListAsync(ct);
    }

    // A database of its own per test, so the tests share no prepared statement and no row.
    private async Task<IHost> StartAsync(CancellationToken ct)
    {
        var server = new NpgsqlConnectionStringBuilder(await fixture.ConnectionStringAsync(ResourceNames.Postgres));
        var database = $"autoprepare_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        var settings = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Database = database,
            MaxPoolSize = 1,
            MaxAutoPrepare = 8,
            AutoPrepareMinUsages = 1,
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("ConnectionStrings:db", (string?)settings.ConnectionString)]);
        builder.AddNpgsqlDatabase<ProbeDbContext>("db");
        var host = builder.Build();

        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Database
            .ExecuteSqlRawAsync("CREATE TABLE probes (id serial PRIMARY KEY, value varchar(10) NOT NULL)", ct);
        return host;
    }

    private static async Task InsertAsync(IHost host, string value, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
        db.Probes.Add(new Probe { Value = value });
        await db.SaveChangesAsync(ct);
    }

    private static async Task<List<string>> ValuesAsync(IHost host, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Probes.Select(p => p.Value).ToListAsync(ct);
    }

    private sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options)
    {
        public DbSet<Probe> Probes => Set<Probe>();
    }

    [Table("probes")]
    private sealed class Probe
    {
        [Column("id")]
        public int Id { get; set; }

        [Column("value")]
        public required string Value { get; set; }
    }
}
