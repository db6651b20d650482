namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// One campaign of a tenant: an approved template with a parameter mapping, an audience (lists and tags), when it
/// starts, and where it is. <see cref="AudienceCursor"/> is the last contact written to its recipients, so a restart
/// reads the audience on from there; <see cref="LeaseOwner"/>/<see cref="LeaseUntil"/> say which process runs it.
/// </summary>
public sealed class Campaign
{
    public Guid Id { get; set; }
    public required string TenantId { get; set; }
    public required string Name { get; set; }
    public required string TemplateName { get; set; }
    public required string TemplateLanguage { get; set; }

    /// <summary>The template's parameter format when the campaign was made: POSITIONAL or NAMED.</summary>
    public string? ParameterFormat { get; set; }

    /// <summary><see cref="CampaignParameter"/>s as JSON (<c>jsonb</c>).</summary>
    public required string Parameters { get; set; }

    /// <summary><see cref="CampaignAudience"/> as JSON (<c>jsonb</c>).</summary>
    public required string Audience { get; set; }

    /// <summary>When sending may start, in UTC; <see cref="TimeZone"/> and <see cref="LocalTime"/> say what the tenant asked for.</summary>
    public DateTimeOffset ScheduledAt { get; set; }
    public string? TimeZone { get; set; }
    public string? LocalTime { get; set; }

    /// <summary>The campaign's own cap (messages a second); the number's throughput caps it too.</summary>
    public double? MessagesPerSecond { get; set; }

    public required string Status { get; set; }
    public Guid? AudienceCursor { get; set; }
    public bool AudienceComplete { get; set; }

    /// <summary>Nothing is sent before this (a back-off, the messaging limit); <see cref="WaitReason"/> says why.</summary>
    public DateTimeOffset? WaitingUntil { get; set; }
    public string? WaitReason { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>
/// One recipient of a campaign, the truth of what happened to them: <see cref="RecipientStates"/>, Meta's wamid,
/// Meta's failure code and reason, or why they were skipped. Keyed by (campaign, contact): a contact gets a campaign once.
/// </summary>
public sealed class CampaignRecipient
{
    public Guid CampaignId { get; set; }
    public Guid ContactId { get; set; }
    public required string TenantId { get; set; }

    /// <summary>The E.164 number, else the BSUID, the message goes to.</summary>
    public string? Address { get; set; }

    /// <summary>The rendered parameter values, in the order of the campaign's mapping (JSON array).</summary>
    public string? ParameterValues { get; set; }

    public required string State { get; set; }
    public string? Wamid { get; set; }
    public string? FailureCode { get; set; }
    public string? FailureReason { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? StatusAt { get; set; }

    /// <summary>The time of the customer's first message within 24 hours of this campaign's message (counted once in the funnel).</summary>
    public DateTimeOffset? RepliedAt { get; set; }

    /// <summary>When the customer opted out by keyword within 24 hours of this campaign's message (counted once in the funnel).</summary>
    public DateTimeOffset? OptedOutAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
