namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// The messaging bursts (thousands of messages, two in-process consumers, a RabbitMQ node of their own) use both
/// cores for a while; they run alone so they neither slow timing-sensitive tests down nor are slowed down by them.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class MessagingLoadCollection;
