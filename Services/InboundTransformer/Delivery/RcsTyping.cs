using System.Text.Json;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.InboundTransformer.Mapping.Rcs;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// The customer is typing on RCS (RBM's IS_TYPING): the agent sees it as Open Messaging's typing event. Momentary, so
/// best effort: a failure is logged, never retried, and never holds back the customer's next message.
/// </summary>
public sealed class RcsTyping(GenesysApiClient genesys, ILogger<RcsTyping> logger)
{
    /// <summary>How long Genesys shows the indicator; RBM sends IS_TYPING again while the user keeps typing.</summary>
    public const int DurationMs = 5000;

    public async Task ForwardAsync(string tenantId, string customerId, RbmUserEvent typing, DateTimeOffset occurredAt, CancellationToken ct)
    {
        var body = new GenesysInboundEvent
        {
            Channel = new GenesysEventChannel { From = RcsInboundMessageMapper.Customer(customerId), Time = occurredAt },
            Events = [new GenesysEvent { EventType = GenesysEventType.Typing, Typing = new GenesysTyping { Duration = DurationMs } }],
        };
        var call = await genesys.SendEventAsync(tenantId, typing.EventId ?? Guid.NewGuid().ToString("N"),
            JsonSerializer.SerializeToElement(body, GenesysJson.Options), ct);
        if (call.Error is { } error)
        {
            logger.LogInformation("Typing of an RCS customer not shown to the agent: {Code} {Message}", error.Code, error.Message);
        }
    }
}
