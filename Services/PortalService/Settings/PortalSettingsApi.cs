using WhatsAppGenesys.Clients.Tenancy;

namespace WhatsAppGenesys.PortalService.Settings;

/// <summary><c>/api/v1/portal/settings</c>: the calling tenant's portal settings (the gateway names the tenant).</summary>
public static class PortalSettingsApi
{
    public static IEndpointRouteBuilder MapPortalSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/v1/portal/settings").RequireTenantHeader().WithTags("Settings");

        settings.MapGet("", async (HttpContext http, PortalSettingsStore store, CancellationToken ct) =>
            Results.Ok(await store.GetAsync(http.TenantId(), ct)))
            .WithSummary("The tenant's history retention and opt-out keywords (defaults until changed)");

        settings.MapPut("", async (PortalSettings update, HttpContext http, PortalSettingsStore store, CancellationToken ct) =>
            update.Validate() is { Count: > 0 } errors
                ? Results.ValidationProblem(errors, title: "The settings are not valid")
                : Results.Ok(await store.SaveAsync(http.TenantId(), update, ct)))
            .WithSummary("Replaces the tenant's portal settings")
            .ProducesValidationProblem();

        return app;
    }
}
