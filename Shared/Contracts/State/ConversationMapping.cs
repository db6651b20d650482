namespace WhatsAppGenesys.Contracts.State;

/// <summary>
/// One customer of one tenant and their conversation. <see cref="CustomerId"/> is the stable key: the wa_id (phone
/// number digits) when Meta sends one, else the business-scoped user id (BSUID) for username-only users; an RCS
/// customer's <c>rcs:+E.164</c>, or the digits when the tenant links RCS with WhatsApp (<see cref="LinkedChannels"/>).
/// <see cref="LastInboundChannel"/> is the channel (<see cref="CustomerChannel"/>) of the customer's latest message:
/// a linked conversation's replies leave by it. Null for conversations that had no message since it was recorded.
/// </summary>
public sealed record ConversationMapping(
    string TenantId,
    string CustomerId,
    Guid ConversationId,
    string? WaId,
    string? Bsuid,
    string? ContactName,
    string? PhoneNumberId,
    string? GenesysConversationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? LastInboundAt,
    string? LastInboundMessageId,
    string? LastInboundChannel = null);

/// <summary>Body of <c>POST /state/mapping</c>: resolve the customer's conversation, creating it on first contact.</summary>
public sealed record EnsureMappingRequest(
    string CustomerId,
    string? WaId,
    string? Bsuid,
    string? ContactName,
    string? PhoneNumberId,
    string? DisplayPhoneNumber);

/// <summary>Body of <c>PUT /state/mapping/{customerId}/genesys-conversation</c>.</summary>
public sealed record GenesysConversationLink(string GenesysConversationId);
