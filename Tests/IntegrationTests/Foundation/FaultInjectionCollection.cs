namespace WhatsAppGenesys.IntegrationTests.Foundation;

/// <summary>
/// Tests that break the shared application (stop or kill infrastructure) run alone, after every parallel test,
/// so no other test sees the outage. Each must leave the application healthy again.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class FaultInjectionCollection;
