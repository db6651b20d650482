using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.ApiKeys;
using WhatsAppGenesys.TenantService.Security;
using WhatsAppGenesys.TenantService.Tenants;

namespace WhatsAppGenesys.TenantService.Resolution;

/// <summary>
/// Service-to-service endpoints under /internal. The gateway never routes /internal; only processes inside the
/// deployment reach them. The credentials endpoints return decrypted secrets, for the auth service and the webhook
/// receivers that check providers' signatures (whatsapp-webhook, genesys-webhook, rcs-api).
/// </summary>
public static class InternalApi
{
    private const string Tag = "Internal (service-to-service; not routed by the gateway)";

    public static IEndpointRouteBuilder MapInternalApi(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/internal/tenants").WithTags(Tag);

        tenants.MapGet("/storage-retention", async (TenantStore store, CancellationToken ct) => TypedResults.Ok(await store.ListStorageRetentionAsync(ct)))
            .WithSummary("Every tenant's S3 retention, for the storage lifecycle job").Produces<IReadOnlyList<TenantStorageRetention>>();
        tenants.MapGet("/{tenantId}", async (string tenantId, TenantResolver resolver, CancellationToken ct) =>
                TenantIds.IsValid(tenantId) ? Found(await resolver.ByIdAsync(tenantId, ct)) : NotFound())
            .WithSummary("Resolve a tenant by id").Produces<TenantResolution>().ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapGet("/by-phone-number/{phoneNumberId}", async (string phoneNumberId, TenantResolver resolver, CancellationToken ct) =>
                Found(await resolver.ByPhoneNumberIdAsync(phoneNumberId, ct)))
            .WithSummary("Resolve the tenant owning a WhatsApp phone number id").Produces<TenantResolution>();
        tenants.MapGet("/by-integration/{integrationId}", async (string integrationId, TenantResolver resolver, CancellationToken ct) =>
                Found(await resolver.ByIntegrationIdAsync(integrationId, ct)))
            .WithSummary("Resolve the tenant owning a Genesys Open Messaging integration id").Produces<TenantResolution>();
        tenants.MapGet("/by-rcs-agent/{agentId}", async (string agentId, TenantResolver resolver, CancellationToken ct) =>
                Found(await resolver.ByRcsAgentIdAsync(agentId, ct)))
            .WithSummary("Resolve the tenant owning an RCS (RBM) agent id").Produces<TenantResolution>();
        tenants.MapGet("/by-waba/{wabaId}", async (string wabaId, TenantResolver resolver, CancellationToken ct) =>
                TypedResults.Ok(await resolver.ByWabaIdAsync(wabaId, ct)))
            .WithSummary("Every tenant configured with a WhatsApp Business Account id (Meta's account-level webhooks carry only the WABA)")
            .Produces<IReadOnlyList<TenantResolution>>();

        tenants.MapGet("/{tenantId}/credentials/whatsapp", async (string tenantId, TenantStore store, HttpContext http, CancellationToken ct) =>
                await Secrets(http, () => store.GetWhatsAppCredentialsAsync(tenantId, ct)))
            .WithSummary("Decrypted WhatsApp secrets — for the auth service only").Produces<WhatsAppCredentials>();
        tenants.MapGet("/{tenantId}/credentials/genesys", async (string tenantId, TenantStore store, HttpContext http, CancellationToken ct) =>
                await Secrets(http, () => store.GetGenesysCredentialsAsync(tenantId, ct)))
            .WithSummary("Decrypted Genesys secrets — for the auth service only").Produces<GenesysCredentials>();
        tenants.MapGet("/{tenantId}/credentials/rcs", async (string tenantId, TenantStore store, HttpContext http, CancellationToken ct) =>
                await Secrets(http, () => store.GetRcsCredentialsAsync(tenantId, ct)))
            .WithSummary("Decrypted RCS secrets — for the auth service and rcs-api's webhook (its client token)").Produces<RcsCredentials>();

        app.MapPost("/internal/api-keys/verify", async (VerifyApiKeyRequest request, ApiKeyService keys, CancellationToken ct) =>
                request.ApiKey is { Length: > 0 } key && await keys.VerifyAsync(key, ct) is { } verified
                    ? Results.Ok(verified)
                    : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Unknown or revoked API key."))
            .WithTags(Tag).WithSummary("Which tenant an API key belongs to (401 if unknown or revoked)")
            .Produces<VerifyApiKeyResponse>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static IResult Found(TenantResolution? resolution) => resolution is null ? NotFound() : TypedResults.Ok(resolution);

    private static IResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No tenant matches.");

    private static async Task<IResult> Secrets<T>(HttpContext http, Func<Task<StoreResult<T>>> read)
    {
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            return (await read()).ToHttpResult(v => TypedResults.Ok(v));
        }
        catch (SecretUnavailableException ex)
        {
            // The message names tenant, secret kind and key id — never the value.
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Secret unavailable", detail: ex.Message);
        }
    }
}
