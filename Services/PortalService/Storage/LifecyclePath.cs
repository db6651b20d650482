namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>How expiry is enforced: by the S3 server's own lifecycle rules, or by our sweeper.</summary>
public enum LifecyclePath
{
    /// <summary>Not decided yet: no bucket has answered.</summary>
    Unknown,

    /// <summary>The server took the lifecycle rules and turned versioning on; it expires objects itself.</summary>
    S3Rules,

    /// <summary>The server refused either; the sweeper lists and deletes.</summary>
    Sweeper,
}

public static class LifecyclePaths
{
    /// <summary>The words the logs and the health endpoint use.</summary>
    public static string Describe(this LifecyclePath path) => path switch
    {
        LifecyclePath.S3Rules => "lifecycle: s3-rules",
        LifecyclePath.Sweeper => "lifecycle: sweeper",
        _ => "lifecycle: not decided yet",
    };
}
