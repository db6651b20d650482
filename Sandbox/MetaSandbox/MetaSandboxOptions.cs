using WhatsAppGenesys.SandboxKit.Webhooks;
using WhatsAppGenesys.MetaSandbox.EmbeddedSignup;
using WhatsAppGenesys.MetaSandbox.Templates;

namespace WhatsAppGenesys.MetaSandbox;

// Bound from the "MetaSandbox" configuration section; defaults live in appsettings.json.
// The default business is the sandbox demo tenant the AppHost seeds (README.md, "What starts"); more are registered
// at run time.
public sealed class MetaSandboxOptions
{
    public const string SectionName = "MetaSandbox";

    public string GraphVersion { get; set; } = "v23.0";
    public string WabaId { get; set; } = "102290129340398";
    public const string DefaultPhoneNumberId = "106540352242922";

    // Empty by default: the configuration binder appends to a non-empty default array instead of replacing it.
    public string[] PhoneNumberIds { get; set; } = [];
    public string DisplayPhoneNumber { get; set; } = "+15550783881";
    public string AccessToken { get; set; } = "sandbox-meta-access-token";
    public string AppSecret { get; set; } = "sandbox-meta-app-secret";

    // The Meta app the bridge is: Embedded Signup's popup and the OAuth code exchange check it, debug_token and
    // subscribed_apps report it. AppSecret above is the same app's secret.
    public string AppId { get; set; } = "100200300400500";
    public string AppName { get; set; } = "WhatsApp Genesys Sandbox";
    public string VerifyToken { get; set; } = "sandbox-verify-token";
    public string? WebhookUrl { get; set; } = "http://127.0.0.1:3009/webhook/whatsapp";

    // Absolute base of the media download URLs we hand out; the request's own host when empty.
    public string? PublicBaseUrl { get; set; }

    public int MessagesPerSecond { get; set; } = 80;
    public bool EnforceCustomerServiceWindow { get; set; } = true;

    // Meta usually reports 131047/131026 asynchronously as a failed status; "Response" answers them synchronously instead.
    public PolicyErrorDelivery PolicyErrorDelivery { get; set; } = PolicyErrorDelivery.Webhook;

    public StatusOptions Statuses { get; set; } = new();
    public WebhookDeliveryOptions Webhooks { get; set; } = new();
    public MediaOptions Media { get; set; } = new();
    public TemplateOptions Templates { get; set; } = new();
    public LimitOptions Limits { get; set; } = new();
    public EmbeddedSignupOptions EmbeddedSignup { get; set; } = new();

    // Outbound history kept per customer; older records are dropped so a long benchmark does not grow without bound.
    public int MaxMessagesPerCustomer { get; set; } = 200;
}

public sealed class TemplateOptions
{
    // Meta reviews in minutes to a day; the sandbox decides after this delay (see README for the rule).
    public int ReviewDelayMs { get; set; } = 2_000;

    // False leaves new templates PENDING until the control API sets their status.
    public bool AutoReview { get; set; } = true;
    public TemplateSendCheck SendCheck { get; set; } = TemplateSendCheck.WhenWabaHasTemplates;
}

// Meta's sending limits. The messaging limit (unique customers reached by business-initiated messages in a moving 24 h)
// is enforced by default; the pair rate is off by default because the suites and the benchmark drive single customers
// far faster than one message per 6 s.
public sealed class LimitOptions
{
    public bool EnforceMessagingLimit { get; set; } = true;

    // TIER_250, TIER_1K, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED, or a number.
    public string MessagingLimitTier { get; set; } = "TIER_250";

    // Meta documents no code of its own for this limit; 131048 is the one its error reference ties to quality-based
    // rate limits. Configurable in case a caller needs another.
    public int MessagingLimitErrorCode { get; set; } = 131048;
    public PolicyErrorDelivery MessagingLimitDelivery { get; set; } = PolicyErrorDelivery.Response;

    public bool EnforcePairRate { get; set; }
    public int PairRateIntervalMs { get; set; } = 6_000;
    public int PairRateBurst { get; set; } = 45;
}

public enum PolicyErrorDelivery
{
    Webhook,
    Response,
}

public sealed class StatusOptions
{
    public int SentDelayMs { get; set; } = 50;
    public int DeliveredDelayMs { get; set; } = 100;
    public int ReadDelayMs { get; set; } = 150;

    // The last status the simulated phone reaches: none, sent, delivered or read.
    public string FinalStatus { get; set; } = "read";
}

public sealed class MediaOptions
{
    public int DownloadUrlLifetimeSeconds { get; set; } = 300;
    public bool FetchLinks { get; set; } = true;
    public long MaxStoredBytes { get; set; } = 512L * 1024 * 1024;
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;
}
