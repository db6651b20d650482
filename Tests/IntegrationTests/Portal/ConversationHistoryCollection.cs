namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// The history tests run one after another (in parallel with the rest of the suite): the retention test shortens the
/// demo tenant's retention for a moment, which must not delete the backdated messages another history test reads.
/// </summary>
[CollectionDefinition(nameof(ConversationHistoryCollection))]
public sealed class ConversationHistoryCollection;
