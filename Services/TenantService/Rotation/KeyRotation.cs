using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.TenantService.Infrastructure;
using WhatsAppGenesys.TenantService.Security;

namespace WhatsAppGenesys.TenantService.Rotation;

/// <summary>
/// Re-encrypts every stored secret that is not on the active key, in small batches. Run it after adding a new key
/// and making it active (both old and new keys configured); once it reports zero rows left, the old key can go.
/// Secret values and their "updatedAt" do not change.
/// </summary>
public sealed class KeyRotation(TenantDbContext db, SecretProtector protector, ILogger<KeyRotation> logger)
{
    private const int BatchSize = 100;

    public async Task<int> RotateAsync(CancellationToken cancellationToken)
    {
        var active = protector.ActiveKeyId;
        var total = 0;
        while (true)
        {
            var batch = await db.Credentials
                .Where(c => c.KeyId != active)
                .OrderBy(c => c.TenantId).ThenBy(c => c.Kind)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var credential in batch)
            {
                var rotated = protector.ReEncrypt(new EncryptedSecret(credential.KeyId, credential.Ciphertext), credential.TenantId, credential.Kind);
                credential.KeyId = rotated.KeyId;
                credential.Ciphertext = rotated.Ciphertext;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                total += batch.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A secret changed under us (and was therefore written with the active key already); reload and go on.
                logger.LogInformation("A secret changed during key rotation; retrying the batch");
            }
            db.ChangeTracker.Clear();
        }
        logger.LogInformation("Key rotation re-encrypted {Count} secrets with key {KeyId}", total, active);
        return total;
    }
}
