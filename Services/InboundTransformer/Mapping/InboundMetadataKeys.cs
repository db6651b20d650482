namespace WhatsAppGenesys.InboundTransformer.Mapping;

/// <summary>
/// Keys we put in the Genesys message <c>metadata</c> (and <c>channel.metadata.customAttributes</c>), so Architect
/// flows and the outbound side can rely on fixed names.
/// </summary>
public static class InboundMetadataKeys
{
    // channel.metadata.customAttributes
    public const string TenantId = "tenantId";
    public const string PhoneNumberId = "phoneNumberId";
    public const string Bsuid = "bsuid";
    public const string CampaignId = Contracts.Campaigns.CampaignReplyTag.AttributeName;
    public const string RcsAgentId = "rcsAgentId";

    // message metadata
    public const string MessageType = "whatsappMessageType";
    public const string ReplyToMessageId = "replyToMessageId";
    public const string Forwarded = "forwarded";
    public const string FrequentlyForwarded = "frequentlyForwarded";
    public const string ButtonReplyId = "buttonReplyId";
    public const string ListReplyId = "listReplyId";
    public const string ButtonPayload = "buttonPayload";
    public const string RcsMessageType = "rcsMessageType";
    public const string SuggestionType = "suggestionType";
    public const string FlowName = "flowName";
    public const string FlowResponseJson = "flowResponseJson";
    public const string ReactionToMessageId = "reactionToMessageId";
    public const string ReactionEmoji = "reactionEmoji";
    public const string VoiceNote = "voiceNote";
    public const string ErrorCode = "whatsappErrorCode";
    public const string SystemNoticeType = "systemNoticeType";
    public const string NewWaId = "newWaId";
    public const string ReferralSourceUrl = "referralSourceUrl";
    public const string ReferralSourceId = "referralSourceId";
    public const string ReferralSourceType = "referralSourceType";
    public const string ReferralHeadline = "referralHeadline";
    public const string ReferralBody = "referralBody";
    public const string ReferralCtwaClid = "referralCtwaClid";
}
