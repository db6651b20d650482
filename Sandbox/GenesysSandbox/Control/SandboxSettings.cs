using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.GenesysSandbox.Control;

/// <summary>
/// The knobs tests and the benchmark turn at run time (PATCH /sandbox/settings, PUT /sandbox/rate-limit), seeded
/// from <see cref="GenesysSandboxOptions"/>. Plain volatile ints: read on every request, written rarely.
/// </summary>
public sealed class SandboxSettings(IOptions<GenesysSandboxOptions> options)
{
    private volatile int _tokenLifetimeSeconds = options.Value.TokenLifetimeSeconds;
    private volatile int _requestsPerMinute = options.Value.RequestsPerMinute;
    private volatile int _webhookTimeoutMilliseconds = options.Value.WebhookTimeoutMilliseconds;
    private volatile int _webhookRetryDelayMilliseconds = options.Value.WebhookRetryDelayMilliseconds;
    private volatile int _webhookMaxRetries = options.Value.WebhookMaxRetries;

    public int TokenLifetimeSeconds { get => _tokenLifetimeSeconds; set => _tokenLifetimeSeconds = value; }
    public int RequestsPerMinute { get => _requestsPerMinute; set => _requestsPerMinute = value; }
    public int WebhookTimeoutMilliseconds { get => _webhookTimeoutMilliseconds; set => _webhookTimeoutMilliseconds = value; }
    public int WebhookRetryDelayMilliseconds { get => _webhookRetryDelayMilliseconds; set => _webhookRetryDelayMilliseconds = value; }
    public int WebhookMaxRetries { get => _webhookMaxRetries; set => _webhookMaxRetries = value; }

    public SettingsView View() => new(TokenLifetimeSeconds, RequestsPerMinute, WebhookTimeoutMilliseconds,
        WebhookRetryDelayMilliseconds, WebhookMaxRetries);
}

public sealed record SettingsView(
    int TokenLifetimeSeconds,
    int RequestsPerMinute,
    int WebhookTimeoutMilliseconds,
    int WebhookRetryDelayMilliseconds,
    int WebhookMaxRetries);

public sealed record SettingsPatch(
    int? TokenLifetimeSeconds,
    int? RequestsPerMinute,
    int? WebhookTimeoutMilliseconds,
    int? WebhookRetryDelayMilliseconds,
    int? WebhookMaxRetries);
