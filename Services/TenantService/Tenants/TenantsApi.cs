using System.Security.Claims;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.ApiKeys;
using WhatsAppGenesys.TenantService.Rotation;
using WhatsAppGenesys.TenantService.Security;

namespace WhatsAppGenesys.TenantService.Tenants;

/// <summary>
/// The public tenant API (routed by the gateway). Every request carries <c>X-Api-Key</c>: the operator key may do
/// everything; a tenant key only reads and changes its own tenant and its own API keys.
/// </summary>
public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tenants").WithTags("Tenants").RequireAuthorization();

        api.MapPost("/", CreateTenant).RequireAuthorization(CallerExtensions.OperatorPolicy)
            .WithSummary("Create a tenant (operator only)")
            .Produces<TenantResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListTenants)
            .WithSummary("List tenants (a tenant key sees only its own)").Produces<TenantResponse[]>();
        api.MapGet("/{tenantId}", GetTenant)
            .WithSummary("Read a tenant; secrets appear only as { isSet, updatedAt }")
            .Produces<TenantResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{tenantId}", UpdateTenant)
            .WithSummary("Rename a tenant").Produces<TenantResponse>().ProducesValidationProblem();
        api.MapPut("/{tenantId}/whatsapp", SetWhatsApp)
            .WithSummary("Set the WhatsApp configuration; omitted secrets keep their stored value")
            .Produces<TenantResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{tenantId}/genesys", SetGenesys)
            .WithSummary("Set the Genesys configuration (region from the allow-list); omitted secrets keep their stored value")
            .Produces<TenantResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{tenantId}/rcs", SetRcs)
            .WithSummary("Set the RCS configuration (agent id, OAuth client, webhook client token); omitted secrets keep their stored value")
            .Produces<TenantResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{tenantId}/storage-retention", SetStorageRetention)
            .WithSummary("Set how long raw webhooks (cold after, deleted after) and media are kept in S3, in days")
            .Produces<TenantResponse>().ProducesValidationProblem();
        api.MapPost("/{tenantId}/deactivate", (string tenantId, TenantStore store, CancellationToken ct) => SetActive(tenantId, false, store, ct))
            .RequireAuthorization(CallerExtensions.OperatorPolicy)
            .WithSummary("Deactivate a tenant (operator only): resolution reports it inactive within a second, tokens are refused")
            .Produces<TenantResponse>();
        api.MapPost("/{tenantId}/reactivate", (string tenantId, TenantStore store, CancellationToken ct) => SetActive(tenantId, true, store, ct))
            .RequireAuthorization(CallerExtensions.OperatorPolicy)
            .WithSummary("Reactivate a tenant (operator only)").Produces<TenantResponse>();

        api.MapPost("/{tenantId}/api-keys", CreateApiKey)
            .WithSummary("Create an API key; the key is in this response only").Produces<CreatedApiKeyResponse>(StatusCodes.Status201Created);
        api.MapGet("/{tenantId}/api-keys", ListApiKeys)
            .WithSummary("List API keys (prefix only)").Produces<ApiKeyResponse[]>();
        api.MapDelete("/{tenantId}/api-keys/{keyId:guid}", RevokeApiKey)
            .WithSummary("Revoke an API key").Produces(StatusCodes.Status204NoContent);

        app.MapPost("/api/admin/rotate-keys", RotateKeys).WithTags("Admin")
            .RequireAuthorization(CallerExtensions.OperatorPolicy)
            .WithSummary("Re-encrypt every stored secret with the active key (operator only)").Produces<RotateKeysResponse>();
        return app;
    }

    private static async Task<IResult> CreateTenant(CreateTenantRequest request, TenantStore store, CancellationToken ct)
    {
        var result = await store.CreateAsync(request, ct);
        return result.ToHttpResult(t => TypedResults.Created($"/api/tenants/{t.Id}", t));
    }

    private static async Task<IResult> ListTenants(ClaimsPrincipal caller, TenantStore store, CancellationToken ct, int offset = 0, int limit = 100)
    {
        var onlyOwn = caller.IsOperator() ? null : caller.TenantId();
        return TypedResults.Ok(await store.ListAsync(onlyOwn, offset, limit, ct));
    }

    private static async Task<IResult> GetTenant(string tenantId, ClaimsPrincipal caller, TenantStore store, CancellationToken ct) =>
        caller.Deny(tenantId) ?? (await store.GetAsync(tenantId, ct)).ToHttpResult(TypedResults.Ok);

    private static async Task<IResult> UpdateTenant(
        string tenantId, UpdateTenantRequest request, ClaimsPrincipal caller, TenantStore store, CancellationToken ct) =>
        caller.Deny(tenantId, change: true) ?? (await store.UpdateAsync(tenantId, request, ct)).ToHttpResult(TypedResults.Ok);

    private static async Task<IResult> SetWhatsApp(
        string tenantId, WhatsAppConfigRequest request, ClaimsPrincipal caller, TenantStore store, CancellationToken ct) =>
        caller.Deny(tenantId, change: true) ?? (await store.SetWhatsAppAsync(tenantId, request, ct)).ToHttpResult(TypedResults.Ok);

    private static async Task<IResult> SetGenesys(
        string tenantId, GenesysConfigRequest request, ClaimsPrincipal caller, TenantStore store, CancellationToken ct) =>
        caller.Deny(tenantId, change: true) ?? (await store.SetGenesysAsync(tenantId, request, ct)).ToHttpResult(TypedResults.Ok);

    private static async Task<IResult> SetRcs(
        string tenantId, RcsConfigRequest request, ClaimsPrincipal caller, TenantStore store, CancellationToken ct) =>
        caller.Deny(tenantId, change: true) ?? (await store.SetRcsAsync(tenantId, request, ct)).ToHttpResult(TypedResults.Ok);

    private static async Task<IResult> SetStorageRetention(
        string tenantId, StorageRetention? request, ClaimsPrincipal caller, TenantStore store, CancellationToken ct) =>
        caller.Deny(tenantId, change: true) ?? (await store.SetStorageRetentionAsync(tenantId, request, ct)).ToHttpResult(TypedResults.Ok);

    private static async Task<IResult> SetActive(string tenantId, bool active, TenantStore store, CancellationToken ct) =>
        (await store.SetActiveAsync(tenantId, active, ct)).ToHttpResult(TypedResults.Ok);

    private static async Task<IResult> CreateApiKey(
        string tenantId, CreateApiKeyRequest? request, ClaimsPrincipal caller, ApiKeyService keys, CancellationToken ct) =>
        caller.Deny(tenantId, change: true) ??
        (await keys.CreateAsync(tenantId, request ?? new CreateApiKeyRequest(null), ct))
            .ToHttpResult(k => TypedResults.Created($"/api/tenants/{tenantId}/api-keys/{k.Id}", k));

    private static async Task<IResult> ListApiKeys(string tenantId, ClaimsPrincipal caller, ApiKeyService keys, CancellationToken ct) =>
        caller.Deny(tenantId) ?? (await keys.ListAsync(tenantId, ct)).ToHttpResult(TypedResults.Ok);

    private static async Task<IResult> RevokeApiKey(
        string tenantId, Guid keyId, ClaimsPrincipal caller, ApiKeyService keys, CancellationToken ct) =>
        caller.Deny(tenantId, change: true) ??
        (await keys.RevokeAsync(tenantId, keyId, ct))?.ToHttpResult() ?? TypedResults.NoContent();

    private static async Task<IResult> RotateKeys(KeyRotation rotation, SecretProtector protector, CancellationToken ct) =>
        TypedResults.Ok(new RotateKeysResponse(await rotation.RotateAsync(ct), protector.ActiveKeyId));
}
