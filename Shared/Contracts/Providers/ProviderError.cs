namespace WhatsAppGenesys.Contracts.Providers;

/// <summary>
/// The one internal shape of a failed call to Meta or Genesys, whatever the provider said: the WhatsApp API and
/// Genesys API services answer with it, and the transformers decide from <see cref="Retryable"/> and
/// <see cref="RetryAfterSeconds"/> whether to retry or to give up (and which Genesys receipt reason to report).
/// </summary>
public sealed record ProviderError(
    string Provider,
    int HttpStatus,
    string Code,
    string Message,
    bool Retryable,
    double? RetryAfterSeconds = null,
    string? ReceiptReason = null,
    string? CorrelationId = null);

public static class ProviderNames
{
    public const string Genesys = "genesys";
    public const string Meta = "meta";
    public const string Rcs = "rcs";
}
