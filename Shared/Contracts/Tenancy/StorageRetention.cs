namespace WhatsAppGenesys.Contracts.Tenancy;

/// <summary>
/// How long a tenant's objects are kept in S3. Raw webhooks (webhooks-inbound, webhooks-genesys) move to cold storage
/// after <paramref name="RawColdAfterDays"/> and are deleted after <paramref name="RawDeleteAfterDays"/>; media
/// (media-inbound, media-outbound) is deleted after <paramref name="MediaDeleteAfterDays"/>, or later when the tenant's
/// conversation history is kept longer (media of a message still in the history is never deleted).
/// </summary>
public sealed record StorageRetention(int RawColdAfterDays, int RawDeleteAfterDays, int MediaDeleteAfterDays)
{
    /// <summary>7 days to cold storage, deleted after 30; media 90.</summary>
    public static StorageRetention Defaults { get; } = new(7, 30, 90);

    public const int MaxDays = 3650;

    /// <summary>What is wrong, by field, in the shape of a validation problem.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        CheckDays("rawColdAfterDays", RawColdAfterDays, errors);
        CheckDays("rawDeleteAfterDays", RawDeleteAfterDays, errors);
        CheckDays("mediaDeleteAfterDays", MediaDeleteAfterDays, errors);
        // S3 refuses a rule whose expiration is not after its transition, and moving an object to cold storage on the
        // day it is deleted means nothing.
        if (!errors.ContainsKey("rawColdAfterDays") && !errors.ContainsKey("rawDeleteAfterDays") && RawColdAfterDays >= RawDeleteAfterDays)
        {
            errors["rawColdAfterDays"] = [$"Must be fewer days than rawDeleteAfterDays ({RawDeleteAfterDays})."];
        }
        return errors;
    }

    private static void CheckDays(string field, int days, Dictionary<string, string[]> errors)
    {
        if (days is < 1 or > MaxDays)
        {
            errors[field] = [$"Between 1 and {MaxDays} days."];
        }
    }
}

/// <summary>One tenant's storage retention, as the tenant service lists it for the storage lifecycle job.</summary>
public sealed record TenantStorageRetention(string TenantId, StorageRetention Retention);
