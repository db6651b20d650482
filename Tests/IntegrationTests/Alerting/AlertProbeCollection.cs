namespace WhatsAppGenesys.IntegrationTests.Alerting;

/// <summary>
/// The tests that park a message in the alert probe pipeline's dead-letter queue and purge that queue at every look.
/// They run one at a time: run together, one test's purge takes the other's parked message away, and its alert never
/// opens (seen when the two classes ran side by side).
/// </summary>
[CollectionDefinition]
public sealed class AlertProbeCollection;
