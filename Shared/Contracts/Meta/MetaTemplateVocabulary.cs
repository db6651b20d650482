namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>Template statuses as Meta spells them in lists and in <c>message_template_status_update</c> webhooks.</summary>
public static class MetaTemplateStatus
{
    public const string Pending = "PENDING";
    public const string Approved = "APPROVED";
    public const string Rejected = "REJECTED";
    public const string Paused = "PAUSED";
    public const string Disabled = "DISABLED";
    public const string InAppeal = "IN_APPEAL";
    public const string PendingDeletion = "PENDING_DELETION";
    public const string Deleted = "DELETED";
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string Archived = "ARCHIVED";

    public static IReadOnlyList<string> All { get; } =
        [Pending, Approved, Rejected, Paused, Disabled, InAppeal, PendingDeletion, Deleted, LimitExceeded, Archived];
}

public static class MetaTemplateCategory
{
    public const string Marketing = "MARKETING";
    public const string Utility = "UTILITY";
    public const string Authentication = "AUTHENTICATION";

    public static IReadOnlyList<string> All { get; } = [Marketing, Utility, Authentication];
}

public static class MetaTemplateComponentType
{
    public const string Header = "HEADER";
    public const string Body = "BODY";
    public const string Footer = "FOOTER";
    public const string Buttons = "BUTTONS";
}
