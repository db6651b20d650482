using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.Infrastructure;
using WhatsAppGenesys.TenantService.Model;
using WhatsAppGenesys.TenantService.Security;
using WhatsAppGenesys.TenantService.Tenants;

namespace WhatsAppGenesys.TenantService.ApiKeys;

/// <summary>Tenant API keys: shown once at creation, stored as SHA-256, listed by prefix, revoked softly.</summary>
public sealed class ApiKeyService(TenantDbContext db, TimeProvider time, ILogger<ApiKeyService> logger)
{
    public async Task<StoreResult<CreatedApiKeyResponse>> CreateAsync(
        string tenantId, CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        if (request.Name is { Length: > 100 })
        {
            return StoreError.Invalid(new Dictionary<string, string[]> { ["name"] = ["At most 100 characters."] });
        }
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return StoreError.NotFound(tenantId);
        }
        return await AddAsync(tenantId, string.IsNullOrWhiteSpace(request.Name) ? "default" : request.Name.Trim(),
            ApiKeyHasher.NewKey(), cancellationToken);
    }

    /// <summary>Registers a key whose value is given (the sandbox demo tenant's configured key), once.</summary>
    public async Task EnsureAsync(string tenantId, string name, string apiKey, CancellationToken cancellationToken)
    {
        var hash = ApiKeyHasher.Hash(apiKey);
        if (await db.ApiKeys.AnyAsync(k => k.Hash == hash, cancellationToken))
        {
            return;
        }
        try
        {
            await AddAsync(tenantId, name, apiKey, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another replica registered the same key at the same moment: the key exists, which is all we wanted.
        }
    }

    public async Task<StoreResult<IReadOnlyList<ApiKeyResponse>>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return StoreError.NotFound(tenantId);
        }
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenantId)
            .OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeyResponse(k.Id, k.Name, k.Prefix + "…", k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
        return keys;
    }

    public async Task<StoreError?> RevokeAsync(string tenantId, Guid keyId, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.TenantId == tenantId, cancellationToken);
        if (key is null)
        {
            return new StoreError(StoreErrorKind.NotFound, $"API key {keyId} was not found for tenant '{tenantId}'.");
        }
        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("API key {KeyId} of tenant {TenantId} revoked", keyId, tenantId);
        }
        return null;
    }

    /// <summary>The tenant a key belongs to, or null for an unknown or revoked key. One indexed lookup.</summary>
    public async Task<VerifyApiKeyResponse?> VerifyAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (!apiKey.StartsWith(ApiKeyHasher.KeyPrefix, StringComparison.Ordinal) || apiKey.Length > 200)
        {
            return null;
        }
        var hash = ApiKeyHasher.Hash(apiKey);
        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Join(db.Tenants, k => k.TenantId, t => t.Id, (k, t) => new VerifyApiKeyResponse(t.Id, t.IsActive, k.Id))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<CreatedApiKeyResponse> AddAsync(string tenantId, string name, string apiKey, CancellationToken cancellationToken)
    {
        var key = new TenantApiKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Name = name,
            Prefix = ApiKeyHasher.DisplayPrefix(apiKey),
            Hash = ApiKeyHasher.Hash(apiKey),
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("API key {KeyId} created for tenant {TenantId}", key.Id, tenantId);
        return new CreatedApiKeyResponse(key.Id, key.Name, apiKey, key.Prefix + "…", key.CreatedAt);
    }
}
