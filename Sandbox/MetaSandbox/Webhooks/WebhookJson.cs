using System.Text.Json;
using System.Text.Json.Serialization;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

// One compact, source-generated serializer for everything that leaves as a webhook body.
public static class WebhookJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = MinimalJsonEncoder.Instance,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        TypeInfoResolver = WebhookJsonContext.Default,
    };

    public static byte[] Serialize(WebhookEnvelope envelope) => JsonSerializer.SerializeToUtf8Bytes(envelope, Options);

    public static byte[] Serialize(MetaAccountWebhook<MetaTemplateStatusUpdate> webhook) => JsonSerializer.SerializeToUtf8Bytes(webhook, Options);
}

[JsonSerializable(typeof(WebhookEnvelope))]
[JsonSerializable(typeof(MetaAccountWebhook<MetaTemplateStatusUpdate>))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
