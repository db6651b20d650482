namespace WhatsAppGenesys.RcsApi.Data;

/// <summary>
/// A file sent by URL in an RCS message. The provider fetches the URL itself (RBM's <c>contentInfo.fileUrl</c>), so
/// the row records what was handed over and whether the provider took the message.
/// </summary>
public sealed class MediaResponseRow
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public required string MessageId { get; set; }

    public required string FileUrl { get; set; }

    public string? ThumbnailUrl { get; set; }

    /// <summary>"accepted" or "failed", as the message's.</summary>
    public required string Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
