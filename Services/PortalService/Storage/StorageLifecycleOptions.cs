namespace WhatsAppGenesys.PortalService.Storage;

/// <summary><c>Storage:Lifecycle:*</c>: the job that expires raw webhooks and media in S3 (docs/decisions.md, "Storage lifecycle").</summary>
public sealed class StorageLifecycleOptions
{
    public const string SectionName = "Storage:Lifecycle";

    public bool Enabled { get; set; } = true;

    /// <summary>Time between runs; each run re-applies the S3 rules or sweeps (the first runs this long after start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The storage class raw webhooks move to after the tenant's cold-after days, on servers with lifecycle rules
    /// (GLACIER, STANDARD_IA, or a MinIO remote tier's name).
    /// </summary>
    public string ColdStorageClass { get; set; } = "GLACIER";

    /// <summary>How long a deleted or overwritten object stays recoverable as a noncurrent version, where versioning exists.</summary>
    public int NoncurrentVersionDays { get; set; } = 30;

    /// <summary>How long one replica's lock on the job lasts if it dies mid-run; a run renews nothing, so keep it above a run's length.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
