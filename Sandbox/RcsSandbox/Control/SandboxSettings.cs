using Microsoft.Extensions.Options;
using WhatsAppGenesys.RcsSandbox.Webhooks;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// The knobs tests and the benchmark turn at run time (PATCH /sandbox/settings), seeded from configuration. An agent's
/// own values (PUT/PATCH /sandbox/agents/{id}) win over these.
/// </summary>
public sealed class SandboxSettings(IOptions<RcsSandboxOptions> options)
{
    private volatile int _messagesPerSecond = options.Value.MessagesPerSecond;
    private volatile int _accessTokenLifetimeSeconds = options.Value.AccessTokenLifetimeSeconds;
    private volatile int _refreshTokenLifetimeSeconds = options.Value.RefreshTokenLifetimeSeconds;
    private volatile int _deliveredDelayMs = options.Value.Receipts.DeliveredDelayMs;
    private volatile int _readDelayMs = options.Value.Receipts.ReadDelayMs;
    private volatile ReceiptProgression _finalEvent = ReceiptProgressions.Parse(options.Value.Receipts.FinalEvent);
    private volatile WebhookFormat _webhookFormat = options.Value.WebhookFormat;
    private volatile bool _revokeFamilyOnRefreshReuse = options.Value.RevokeFamilyOnRefreshReuse;

    public int MessagesPerSecond { get => _messagesPerSecond; set => _messagesPerSecond = value; }
    public int AccessTokenLifetimeSeconds { get => _accessTokenLifetimeSeconds; set => _accessTokenLifetimeSeconds = value; }
    public int RefreshTokenLifetimeSeconds { get => _refreshTokenLifetimeSeconds; set => _refreshTokenLifetimeSeconds = value; }
    public int DeliveredDelayMs { get => _deliveredDelayMs; set => _deliveredDelayMs = value; }
    public int ReadDelayMs { get => _readDelayMs; set => _readDelayMs = value; }
    public ReceiptProgression FinalEvent { get => _finalEvent; set => _finalEvent = value; }
    public WebhookFormat WebhookFormat { get => _webhookFormat; set => _webhookFormat = value; }
    public bool RevokeFamilyOnRefreshReuse { get => _revokeFamilyOnRefreshReuse; set => _revokeFamilyOnRefreshReuse = value; }

    public object View() => new
    {
        messagesPerSecond = MessagesPerSecond,
        accessTokenLifetimeSeconds = AccessTokenLifetimeSeconds,
        refreshTokenLifetimeSeconds = RefreshTokenLifetimeSeconds,
        deliveredDelayMs = DeliveredDelayMs,
        readDelayMs = ReadDelayMs,
        finalEvent = ReceiptProgressions.Name(FinalEvent),
        webhookFormat = WebhookFormat,
        revokeFamilyOnRefreshReuse = RevokeFamilyOnRefreshReuse,
    };
}

public sealed record SettingsPatch(
    int? MessagesPerSecond,
    int? AccessTokenLifetimeSeconds,
    int? RefreshTokenLifetimeSeconds,
    int? DeliveredDelayMs,
    int? ReadDelayMs,
    string? FinalEvent,
    WebhookFormat? WebhookFormat,
    bool? RevokeFamilyOnRefreshReuse);

/// <summary>How far the simulated phone takes an accepted message.</summary>
public enum ReceiptProgression
{
    None,
    Delivered,
    Read,
}

public static class ReceiptProgressions
{
    public static ReceiptProgression Parse(string? value) =>
        Enum.TryParse<ReceiptProgression>(value, ignoreCase: true, out var parsed) ? parsed : ReceiptProgression.Read;

    public static bool TryParse(string? value, out ReceiptProgression progression) =>
        Enum.TryParse(value, ignoreCase: true, out progression) && Enum.IsDefined(progression);

    public static string Name(ReceiptProgression progression) => progression.ToString().ToUpperInvariant();
}
