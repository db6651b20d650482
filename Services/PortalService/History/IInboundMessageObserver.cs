namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Told of each customer message once it is stored in the history, so features that react to what customers write
/// (opt-out keywords, campaign replies) hang off the one consumer of the history events instead of each consuming
/// them again. Called once per stored message; a redelivered event that was already stored is not passed on again.
/// An exception makes the history event retry, so an observer must tolerate seeing a message twice after a crash.
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
