namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Told of each customer message once it is stored in the history, so features that react to what customers write
/// (opt-out keywords, campaign replies) hang off the one consumer of the history events instead of each consuming
/// them again. Called for every delivery of the history event: once, and again when the event is redelivered (an
/// observer's exception makes it retry; a crash before the ack redelivers it). So an observer must be idempotent by
/// message id: seeing a message twice changes nothing the second time.
/// </summary>
public interface IInboundMessageObserver
{
    Task OnInboundMessageAsync(InboundMessageObserved message, CancellationToken cancellationToken);
}

/// <summary>A stored customer message as observers see it; <see cref="Text"/> is the body of a text message, else null.</summary>
public sealed record InboundMessageObserved(
    string TenantId,
    string CustomerId,
    string? WaId,
    string? Bsuid,
    string PhoneNumberId,
    string MessageId,
    string Type,
    string? Text,
    DateTimeOffset OccurredAt);
