namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>The genesys-api service's answer to ending a customer's Genesys conversation.</summary>
/// <param name="AlreadyDisconnected">The customer had already left: nothing was changed.</param>
public sealed record ConversationDisconnected(string ConversationId, string ParticipantId, bool AlreadyDisconnected);
