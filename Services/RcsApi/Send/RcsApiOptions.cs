namespace WhatsAppGenesys.RcsApi.Send;

/// <summary>How this service keeps what it sends (section <c>RcsApi</c>).</summary>
public sealed class RcsApiOptions
{
    public const string SectionName = "RcsApi";

    /// <summary>How long each request body is kept in Redis (<c>rcs:message:{messageId}:request</c>).</summary>
    public TimeSpan RequestRecordLifetime { get; set; } = TimeSpan.FromDays(7);
}
