using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.Infrastructure;
using WhatsAppGenesys.TenantService.Model;
using WhatsAppGenesys.TenantService.Resolution;
using WhatsAppGenesys.TenantService.Security;

namespace WhatsAppGenesys.TenantService.Tenants;

/// <summary>
/// The one place tenants change. Every mutation validates, encrypts secrets, commits with optimistic concurrency
/// and then refreshes the caches (Redis write-through plus a pub/sub invalidation), so the REST API, the demo-tenant
/// seeding and anything else behave the same.
/// </summary>
public sealed class TenantStore(
    TenantDbContext db,
    SecretProtector protector,
    TenantCache cache,
    TimeProvider time,
    ILogger<TenantStore> logger)
{
    private const int MaxPageSize = 1000;

    public async Task<StoreResult<TenantResponse>> CreateAsync(CreateTenantRequest request, CancellationToken cancellationToken)
    {
        var errors = TenantValidator.ValidateCreate(request);
        if (errors.Count > 0)
        {
            return StoreError.Invalid(errors);
        }
        var id = request.Id ?? Guid.CreateVersion7().ToString();
        if (await db.Tenants.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return StoreError.Conflict("id", $"Tenant '{id}' already exists.");
        }

        var now = time.GetUtcNow();
        var tenant = new Tenant { Id = id, Name = request.Name!.Trim(), Version = 1, CreatedAt = now, UpdatedAt = now };
        SetContact(tenant, request.ContactEmail);
        db.Tenants.Add(tenant);
        var failure =
            (request.WhatsApp is { } whatsApp ? await ApplyWhatsAppAsync(tenant, whatsApp, now, "whatsApp.", cancellationToken) : null) ??
            (request.Genesys is { } genesys ? await ApplyGenesysAsync(tenant, genesys, now, "genesys.", cancellationToken) : null) ??
            (request.Rcs is { } rcs ? await ApplyRcsAsync(tenant, rcs, now, "rcs.", cancellationToken) : null) ??
            await SaveAsync(cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        await cache.TenantChangedAsync(TenantMapping.ToResolution(tenant), TenantIdentifiers.None, new TokenImpact(true, true, true));
        logger.LogInformation("Tenant {TenantId} created", id);
        return TenantMapping.ToResponse(tenant);
    }

    /// <summary>Creates the tenant, or brings an existing one to the requested configuration (idempotent).</summary>
    public async Task<StoreResult<TenantResponse>> UpsertAsync(CreateTenantRequest request, CancellationToken cancellationToken)
    {
        var errors = TenantValidator.ValidateCreate(request);
        if (request.Id is null)
        {
            errors["id"] = ["Required to upsert."];
        }
        if (errors.Count > 0)
        {
            return StoreError.Invalid(errors);
        }
        if (!await db.Tenants.AnyAsync(t => t.Id == request.Id, cancellationToken))
        {
            return await CreateAsync(request, cancellationToken);
        }
        return await MutateAsync(request.Id!, async (tenant, now) =>
        {
            tenant.Name = request.Name!.Trim();
            SetContact(tenant, request.ContactEmail);
            return (request.WhatsApp is { } whatsApp ? await ApplyWhatsAppAsync(tenant, whatsApp, now, "whatsApp.", cancellationToken) : null) ??
                   (request.Genesys is { } genesys ? await ApplyGenesysAsync(tenant, genesys, now, "genesys.", cancellationToken) : null) ??
                   (request.Rcs is { } rcs ? await ApplyRcsAsync(tenant, rcs, now, "rcs.", cancellationToken) : null);
        }, cancellationToken);
    }

    public async Task<StoreResult<TenantResponse>> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await Query().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        return tenant is null ? StoreError.NotFound(tenantId) : TenantMapping.ToResponse(tenant);
    }

    public async Task<IReadOnlyList<TenantResponse>> ListAsync(string? onlyTenantId, int offset, int limit, CancellationToken cancellationToken)
    {
        var query = Query();
        if (onlyTenantId is not null)
        {
            query = query.Where(t => t.Id == onlyTenantId);
        }
        var tenants = await query.OrderBy(t => t.Id)
            .Skip(Math.Max(0, offset))
            .Take(Math.Clamp(limit, 1, MaxPageSize))
            .ToListAsync(cancellationToken);
        return [.. tenants.Select(TenantMapping.ToResponse)];
    }

    public Task<StoreResult<TenantResponse>> UpdateAsync(string tenantId, UpdateTenantRequest request, CancellationToken cancellationToken)
    {
        var errors = TenantValidator.ValidateUpdate(request);
        return errors.Count > 0
            ? Task.FromResult<StoreResult<TenantResponse>>(StoreError.Invalid(errors))
            : MutateAsync(tenantId, (tenant, _) =>
            {
                tenant.Name = request.Name!.Trim();
                SetContact(tenant, request.ContactEmail);
                return Task.FromResult<StoreError?>(null);
            }, cancellationToken);
    }

    public Task<StoreResult<TenantResponse>> SetWhatsAppAsync(string tenantId, WhatsAppConfigRequest request, CancellationToken cancellationToken)
    {
        var errors = TenantValidator.ValidateWhatsApp(request);
        return errors.Count > 0
            ? Task.FromResult<StoreResult<TenantResponse>>(StoreError.Invalid(errors))
            : MutateAsync(tenantId, (tenant, now) => ApplyWhatsAppAsync(tenant, request, now, "", cancellationToken), cancellationToken);
    }

    public Task<StoreResult<TenantResponse>> SetGenesysAsync(string tenantId, GenesysConfigRequest request, CancellationToken cancellationToken)
    {
        var errors = TenantValidator.ValidateGenesys(request);
        return errors.Count > 0
            ? Task.FromResult<StoreResult<TenantResponse>>(StoreError.Invalid(errors))
            : MutateAsync(tenantId, (tenant, now) => ApplyGenesysAsync(tenant, request, now, "", cancellationToken), cancellationToken);
    }

    public Task<StoreResult<TenantResponse>> SetRcsAsync(string tenantId, RcsConfigRequest request, CancellationToken cancellationToken)
    {
        var errors = TenantValidator.ValidateRcs(request);
        return errors.Count > 0
            ? Task.FromResult<StoreResult<TenantResponse>>(StoreError.Invalid(errors))
            : MutateAsync(tenantId, (tenant, now) => ApplyRcsAsync(tenant, request, now, "", cancellationToken), cancellationToken);
    }

    /// <summary>Sets how long the tenant's S3 objects are kept; the storage lifecycle job applies it on its next run.</summary>
    public Task<StoreResult<TenantResponse>> SetStorageRetentionAsync(string tenantId, StorageRetention? retention, CancellationToken cancellationToken)
    {
        if (retention is null)
        {
            return Task.FromResult<StoreResult<TenantResponse>>(StoreError.Invalid(new Dictionary<string, string[]> { [""] = ["A body is required."] }));
        }
        var errors = retention.Validate();
        return errors.Count > 0
            ? Task.FromResult<StoreResult<TenantResponse>>(StoreError.Invalid(errors))
            : MutateAsync(tenantId, (tenant, _) =>
            {
                tenant.RawColdAfterDays = retention.RawColdAfterDays;
                tenant.RawDeleteAfterDays = retention.RawDeleteAfterDays;
                tenant.MediaDeleteAfterDays = retention.MediaDeleteAfterDays;
                return Task.FromResult<StoreError?>(null);
            }, cancellationToken);
    }

    /// <summary>Every tenant's storage retention (deactivated tenants too: their objects still expire).</summary>
    public async Task<IReadOnlyList<TenantStorageRetention>> ListStorageRetentionAsync(CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new TenantStorageRetention(t.Id, new StorageRetention(t.RawColdAfterDays, t.RawDeleteAfterDays, t.MediaDeleteAfterDays)))
            .ToListAsync(cancellationToken);

    public async Task<StoreResult<TenantResponse>> SetActiveAsync(string tenantId, bool active, CancellationToken cancellationToken)
    {
        var result = await MutateAsync(tenantId, (tenant, _) =>
        {
            tenant.IsActive = active;
            return Task.FromResult<StoreError?>(null);
        }, cancellationToken);
        if (result.Error is null)
        {
            logger.LogInformation("Tenant {TenantId} {State}", tenantId, active ? "reactivated" : "deactivated");
        }
        return result;
    }

    public async Task<StoreResult<WhatsAppCredentials>> GetWhatsAppCredentialsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().Include(t => t.Credentials).FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return StoreError.NotFound(tenantId);
        }
        if (!tenant.IsActive)
        {
            return StoreError.Inactive(tenantId);
        }
        if (tenant.WabaId is null)
        {
            return StoreError.NotConfigured($"Tenant '{tenantId}' has no WhatsApp configuration.");
        }
        return new WhatsAppCredentials(
            tenantId,
            Reveal(tenant, SecretKinds.WhatsAppAccessToken),
            Reveal(tenant, SecretKinds.WhatsAppAppSecret),
            Reveal(tenant, SecretKinds.WhatsAppVerifyToken));
    }

    public async Task<StoreResult<GenesysCredentials>> GetGenesysCredentialsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().Include(t => t.Credentials).FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return StoreError.NotFound(tenantId);
        }
        if (!tenant.IsActive)
        {
            return StoreError.Inactive(tenantId);
        }
        if (tenant.GenesysIntegrationId is null)
        {
            return StoreError.NotConfigured($"Tenant '{tenantId}' has no Genesys configuration.");
        }
        return new GenesysCredentials(
            tenantId,
            tenant.GenesysRegionDomain!,
            tenant.GenesysClientId!,
            Reveal(tenant, SecretKinds.GenesysClientSecret),
            Reveal(tenant, SecretKinds.GenesysWebhookSecret));
    }

    public async Task<StoreResult<RcsCredentials>> GetRcsCredentialsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().Include(t => t.Credentials).FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return StoreError.NotFound(tenantId);
        }
        if (!tenant.IsActive)
        {
            return StoreError.Inactive(tenantId);
        }
        if (tenant.RcsAgentId is null)
        {
            return StoreError.NotConfigured($"Tenant '{tenantId}' has no RCS configuration.");
        }
        return new RcsCredentials(
            tenantId,
            tenant.RcsAgentId,
            tenant.RcsClientId!,
            Reveal(tenant, SecretKinds.RcsClientSecret),
            Reveal(tenant, SecretKinds.RcsWebhookToken));
    }

    private IQueryable<Tenant> Query() => db.Tenants.AsNoTracking()
        .Include(t => t.PhoneNumbers)
        .Include(t => t.Credentials)
        .AsSplitQuery();

    private async Task<StoreResult<TenantResponse>> MutateAsync(
        string tenantId, Func<Tenant, DateTimeOffset, Task<StoreError?>> apply, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants
            .Include(t => t.PhoneNumbers)
            .Include(t => t.Credentials)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return StoreError.NotFound(tenantId);
        }

        var before = TenantMapping.ToResolution(tenant);
        var secretsBefore = tenant.Credentials.ToDictionary(c => c.Kind, c => c.UpdatedAt);
        var now = time.GetUtcNow();
        if (await apply(tenant, now) is { } failure)
        {
            return failure;
        }
        if (!db.ChangeTracker.HasChanges())
        {
            // Nothing differs: no version bump, no invalidation. Keeps PUTs and the start-up seeding idempotent.
            return TenantMapping.ToResponse(tenant);
        }

        tenant.Version++;
        tenant.UpdatedAt = now;
        if (await SaveAsync(cancellationToken) is { } saveFailure)
        {
            return saveFailure;
        }

        var after = TenantMapping.ToResolution(tenant);
        bool SecretChanged(string kind) =>
            tenant.Credentials.Find(c => c.Kind == kind)?.UpdatedAt != secretsBefore.GetValueOrDefault(kind);
        var activeChanged = before.IsActive != after.IsActive;
        var impact = new TokenImpact(
            Genesys: activeChanged || before.Genesys?.RegionDomain != after.Genesys?.RegionDomain ||
                     before.Genesys?.ClientId != after.Genesys?.ClientId || SecretChanged(SecretKinds.GenesysClientSecret),
            WhatsApp: activeChanged || SecretChanged(SecretKinds.WhatsAppAccessToken),
            Rcs: activeChanged || before.Rcs?.AgentId != after.Rcs?.AgentId ||
                 before.Rcs?.ClientId != after.Rcs?.ClientId || SecretChanged(SecretKinds.RcsClientSecret));
        await cache.TenantChangedAsync(after, TenantIdentifiers.Of(before), impact);
        return TenantMapping.ToResponse(tenant);
    }

    private async Task<StoreError?> ApplyWhatsAppAsync(
        Tenant tenant, WhatsAppConfigRequest request, DateTimeOffset now, string prefix, CancellationToken cancellationToken)
    {
        var desired = request.PhoneNumberIds!.ToList();
        var taken = await db.PhoneNumbers
            .Where(p => desired.Contains(p.PhoneNumberId) && p.TenantId != tenant.Id)
            .Select(p => p.PhoneNumberId)
            .FirstOrDefaultAsync(cancellationToken);
        if (taken is not null)
        {
            // Which tenant owns it is none of this caller's business.
            return StoreError.Conflict(prefix + "phoneNumberIds", $"Phone number id {taken} is already assigned to another tenant.");
        }

        tenant.WabaId = request.WabaId;
        tenant.DisplayPhoneNumber = request.DisplayPhoneNumber;
        tenant.GraphApiVersion = request.GraphApiVersion ?? TenantValidator.DefaultGraphApiVersion;
        foreach (var removed in tenant.PhoneNumbers.Where(p => !desired.Contains(p.PhoneNumberId)).ToList())
        {
            tenant.PhoneNumbers.Remove(removed);
        }
        foreach (var added in desired.Where(d => tenant.PhoneNumbers.TrueForAll(p => p.PhoneNumberId != d)))
        {
            tenant.PhoneNumbers.Add(new TenantPhoneNumber { PhoneNumberId = added, TenantId = tenant.Id });
        }
        SetSecret(tenant, SecretKinds.WhatsAppAccessToken, request.AccessToken, now);
        SetSecret(tenant, SecretKinds.WhatsAppAppSecret, request.AppSecret, now);
        SetSecret(tenant, SecretKinds.WhatsAppVerifyToken, request.WebhookVerifyToken, now);
        return null;
    }

    private async Task<StoreError?> ApplyGenesysAsync(
        Tenant tenant, GenesysConfigRequest request, DateTimeOffset now, string prefix, CancellationToken cancellationToken)
    {
        if (await db.Tenants.AnyAsync(t => t.GenesysIntegrationId == request.IntegrationId && t.Id != tenant.Id, cancellationToken))
        {
            return StoreError.Conflict(prefix + "integrationId",
                $"Open Messaging integration id {request.IntegrationId} is already assigned to another tenant.");
        }
        tenant.GenesysRegionDomain = request.RegionDomain;
        tenant.GenesysClientId = request.ClientId;
        tenant.GenesysIntegrationId = request.IntegrationId;
        SetSecret(tenant, SecretKinds.GenesysClientSecret, request.ClientSecret, now);
        SetSecret(tenant, SecretKinds.GenesysWebhookSecret, request.WebhookSecret, now);
        return null;
    }

    private async Task<StoreError?> ApplyRcsAsync(
        Tenant tenant, RcsConfigRequest request, DateTimeOffset now, string prefix, CancellationToken cancellationToken)
    {
        if (await db.Tenants.AnyAsync(t => t.RcsAgentId == request.AgentId && t.Id != tenant.Id, cancellationToken))
        {
            return StoreError.Conflict(prefix + "agentId", $"RCS agent {request.AgentId} is already assigned to another tenant.");
        }
        tenant.RcsAgentId = request.AgentId;
        tenant.RcsClientId = request.ClientId;
        tenant.RcsLinkWithWhatsApp = request.LinkWithWhatsApp ?? tenant.RcsLinkWithWhatsApp;
        SetSecret(tenant, SecretKinds.RcsClientSecret, request.ClientSecret, now);
        SetSecret(tenant, SecretKinds.RcsWebhookToken, request.WebhookToken, now);
        return null;
    }

    private void SetSecret(Tenant tenant, string kind, string? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return;
        }
        var existing = tenant.Credentials.Find(c => c.Kind == kind);
        if (existing is not null && Matches(tenant.Id, existing, value))
        {
            return;
        }
        var encrypted = protector.Encrypt(value, tenant.Id, kind);
        if (existing is null)
        {
            tenant.Credentials.Add(new TenantCredential
            {
                TenantId = tenant.Id,
                Kind = kind,
                KeyId = encrypted.KeyId,
                Ciphertext = encrypted.Ciphertext,
                UpdatedAt = now,
            });
        }
        else
        {
            existing.KeyId = encrypted.KeyId;
            existing.Ciphertext = encrypted.Ciphertext;
            existing.UpdatedAt = now;
        }
    }

    private bool Matches(string tenantId, TenantCredential stored, string candidate)
    {
        try
        {
            var current = protector.Decrypt(new EncryptedSecret(stored.KeyId, stored.Ciphertext), tenantId, stored.Kind);
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(candidate));
        }
        catch (SecretUnavailableException)
        {
            return false; // unreadable: replacing it is exactly what the caller wants
        }
    }

    // Null keeps the stored contact, an empty string clears it (the request records say the same).
    private static void SetContact(Tenant tenant, string? contactEmail)
    {
        if (contactEmail is not null)
        {
            tenant.ContactEmail = contactEmail.Trim() is { Length: > 0 } email ? email : null;
        }
    }

    private string? Reveal(Tenant tenant, string kind) =>
        tenant.Credentials.Find(c => c.Kind == kind) is { } credential
            ? protector.Decrypt(new EncryptedSecret(credential.KeyId, credential.Ciphertext), tenant.Id, kind)
            : null;

    private async Task<StoreError?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return StoreError.Conflict("version", "The tenant was changed by another request at the same time; retry.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            // Lost a race with another request that claimed the same identifier between our check and commit.
            return unique.ConstraintName switch
            {
                "pk_tenant_phone_numbers" => StoreError.Conflict("phoneNumberIds", "A phone number id is already assigned to another tenant."),
                "ux_tenants_genesys_integration_id" => StoreError.Conflict("integrationId", "The integration id is already assigned to another tenant."),
                "ux_tenants_rcs_agent_id" => StoreError.Conflict("agentId", "The RCS agent is already assigned to another tenant."),
                _ => StoreError.Conflict("id", "The tenant already exists."),
            };
        }
    }
}
