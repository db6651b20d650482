using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.ApiKeys;
using WhatsAppGenesys.TenantService.Tenants;

namespace WhatsAppGenesys.TenantService.Seeding;

/// <summary>
/// Upserts the sandbox demo tenant at start-up through the same <see cref="TenantStore"/> the API uses, so it is
/// validated, encrypted and cached like any tenant. Idempotent: an unchanged configuration writes nothing.
/// Registered after the migrations, and hosted services start before Kestrel, so /health is green only once seeded.
/// </summary>
public sealed class DemoTenantSeeder(IServiceProvider services, IOptions<DemoTenantOptions> options, ILogger<DemoTenantSeeder> logger)
    : IHostedService
{
    private const int Attempts = 5;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            // A fresh scope (and DbContext) per attempt: a failed save leaves the old one's change tracker dirty.
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<TenantStore>().UpsertAsync(ToRequest(demo), cancellationToken);
            if (result.Error is { Kind: StoreErrorKind.Conflict } && attempt < Attempts)
            {
                // Another replica seeding at the same moment won the insert or the update; the next attempt sees its
                // row and finds nothing left to change.
                logger.LogInformation("Demo tenant {TenantId} was seeded concurrently; checking again", demo.Id);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
                continue;
            }
            if (result.Error is { } error)
            {
                var fields = error.Errors is null ? "" : " (" + string.Join(", ", error.Errors.Keys) + ")";
                throw new InvalidOperationException($"Seeding demo tenant '{demo.Id}' failed: {error.Detail}{fields}");
            }
            if (!string.IsNullOrEmpty(demo.ApiKey))
            {
                await scope.ServiceProvider.GetRequiredService<ApiKeyService>().EnsureAsync(demo.Id, "sandbox", demo.ApiKey, cancellationToken);
            }
            logger.LogInformation("Demo tenant {TenantId} is seeded", demo.Id);
            return;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static CreateTenantRequest ToRequest(DemoTenantOptions demo) => new(
        demo.Id,
        demo.Name,
        demo.WhatsApp is { } w
            ? new WhatsAppConfigRequest(w.WabaId, w.PhoneNumberIds, w.DisplayPhoneNumber, w.GraphApiVersion,
                w.AccessToken, w.AppSecret, w.WebhookVerifyToken)
            : null,
        demo.Genesys is { } g
            ? new GenesysConfigRequest(g.RegionDomain, g.ClientId, g.IntegrationId, g.ClientSecret, g.WebhookSecret)
            : null,
        Rcs: demo.Rcs is { } r ? new RcsConfigRequest(r.AgentId, r.ClientId, r.ClientSecret, r.WebhookToken) : null);
}
