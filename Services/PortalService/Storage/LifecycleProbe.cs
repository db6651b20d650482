using Minio.DataModel.ILM;

namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>What applying rules and versioning to one bucket showed.</summary>
public sealed record ProbeResult(LifecyclePath Path, string Reason)
{
    /// <summary>The bucket does not exist yet (its service creates it on start): ask again next run.</summary>
    public static ProbeResult Missing(string bucket) => new(LifecyclePath.Unknown, $"bucket {bucket} does not exist yet");
}

/// <summary>
/// Decides between S3 rules and the sweeper by what the server answers, never by its name: the lifecycle
/// configuration is put, versioning is turned on and read back. A server that answers an error (s3rver answers
/// NotImplemented to a lifecycle configuration) or reports versioning other than Enabled afterwards (s3rver takes the
/// versioning request for a bucket creation and answers so) does not support them. A server that does not answer at
/// all decides nothing: the caller tries again next run.
/// </summary>
public sealed class LifecycleProbe(IBucketLifecycleApi s3)
{
    /// <summary>Applies <paramref name="configuration"/> and versioning to the bucket and says which path that leaves.</summary>
    public async Task<ProbeResult> ApplyAsync(string bucket, LifecycleConfiguration configuration, CancellationToken ct)
    {
        // Checked first: a versioning request to a missing bucket would create it on s3rver.
        if (!await s3.BucketExistsAsync(bucket, ct))
        {
            return ProbeResult.Missing(bucket);
        }
        try
        {
            await s3.SetLifecycleAsync(bucket, configuration, ct);
        }
        catch (S3FeatureRefusedException ex)
        {
            return new(LifecyclePath.Sweeper, $"{bucket}: lifecycle configuration refused ({ex.Message})");
        }
        try
        {
            await s3.EnableVersioningAsync(bucket, ct);
        }
        catch (S3FeatureRefusedException ex)
        {
            return new(LifecyclePath.Sweeper, $"{bucket}: versioning refused ({ex.Message})");
        }
        var status = await s3.GetVersioningAsync(bucket, ct);
        return string.Equals(status, "Enabled", StringComparison.OrdinalIgnoreCase)
            ? new(LifecyclePath.S3Rules, $"{bucket}: lifecycle rules and versioning applied")
            : new(LifecyclePath.Sweeper, $"{bucket}: versioning reads '{status}' after enabling it");
    }

    /// <summary>
    /// The path for the whole store from each bucket's result: one refusal means the sweeper (the server lacks the
    /// feature); rules once some bucket took them and none refused (a bucket still missing gets them next run);
    /// otherwise not decided.
    /// </summary>
    public static (LifecyclePath Path, string Reason) Combine(IReadOnlyList<ProbeResult> results)
    {
        if (results.FirstOrDefault(r => r.Path == LifecyclePath.Sweeper) is { } refused)
        {
            return (LifecyclePath.Sweeper, refused.Reason);
        }
        if (results.Any(r => r.Path == LifecyclePath.S3Rules))
        {
            return (LifecyclePath.S3Rules, string.Join("; ", results.Select(r => r.Reason)));
        }
        return (LifecyclePath.Unknown, results.Count == 0 ? "no buckets" : string.Join("; ", results.Select(r => r.Reason).Distinct()));
    }
}
