using System.Text.Json;

namespace WhatsAppGenesys.Contracts.Events;

/// <summary>
/// What the WhatsApp webhook service queues for the inbound transformer: one event per message and per status of a
/// Meta webhook (a webhook may batch several of each). <see cref="Payload"/> is the Meta object exactly as received
/// (the <c>messages[i]</c> or <c>statuses[i]</c> element) and <see cref="Contact"/> the matching <c>contacts[]</c> entry
/// (profile name, wa_id, BSUID); the tenant was resolved and the signature verified before anything was queued.
/// </summary>
public sealed record WhatsAppEventReceived(
    string EventId,
    string Kind,
    string TenantId,
    string WabaId,
    string PhoneNumberId,
    string? DisplayPhoneNumber,
    string CustomerId,
    string? ContactName,
    JsonElement Payload,
    JsonElement? Contact,
    DateTimeOffset ReceivedAt,
    string? ArchiveKey)
{
    public const string MessageKind = "message";
    public const string StatusKind = "status";

    /// <summary>Per-customer order key: every event of one customer of one tenant lands in the same partition.</summary>
    public string OrderingKey => $"{TenantId}:{CustomerId}";
}

/// <summary>
/// What the Genesys webhook service queues for the outbound transformer: one Open Messaging outbound webhook payload
/// (an agent message, a receipt or a typing event), exactly as Genesys posted it.
/// </summary>
public sealed record GenesysEventReceived(
    string EventId,
    string Type,
    string TenantId,
    string IntegrationId,
    string? ConversationId,
    string CustomerId,
    JsonElement Payload,
    DateTimeOffset ReceivedAt,
    string? ArchiveKey)
{
    public string OrderingKey => $"{TenantId}:{CustomerId}";
}

/// <summary>The pipelines' names: RabbitMQ exchanges and queue prefixes.</summary>
public static class Pipelines
{
    /// <summary>Meta → inbound transformer (why these names: docs/decisions.md, "Queue names").</summary>
    public const string Inbound = "inbound-whatsapp";

    /// <summary>The RCS provider (rcs-api's webhook) → inbound transformer: RBM user messages and events.</summary>
    public const string InboundRcs = "inbound-rcs";

    /// <summary>Genesys → outbound transformer.</summary>
    public const string Outbound = "outbound-genesys";

    /// <summary>Both transformers → portal-service: what was said in each conversation, and what became of it.</summary>
    public const string History = "conversation-history";

    /// <summary>WhatsApp webhook → portal-service: Meta's verdicts on message templates (approved, rejected, paused…).</summary>
    public const string TemplateStatus = "template-status";

    /// <summary>Every pipeline, in the order a message meets them (operators' views and the queue alerts list them all).</summary>
    public static IReadOnlyList<string> All { get; } = [Inbound, InboundRcs, Outbound, History, TemplateStatus];
}
