using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WhatsAppGenesys.Database;

/// <summary>
/// Applies pending EF Core migrations before the service starts taking requests. Start-up waits (up to two minutes)
/// for PostgreSQL to accept connections rather than failing, since infrastructure and services start together.
/// </summary>
internal sealed class MigrateOnStartup<TContext>(IServiceProvider services, ILogger<MigrateOnStartup<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                var strategy = db.Database.CreateExecutionStrategy();
                await strategy.ExecuteAsync(() => db.Database.MigrateAsync(cancellationToken));
                logger.LogInformation("Database schema of {Context} is up to date", typeof(TContext).Name);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Database not ready for {Context} ({Reason}); retrying", typeof(TContext).Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
