using System.Text;
using System.Text.Json.Nodes;
using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>One webhook as it goes out: the body, the user event it carries, and their signature.</summary>
public sealed record WebhookPayload(byte[] Body, byte[] UserEvent, string Signature, WebhookFormat Format)
{
    public static WebhookPayload Build(Agent agent, JsonObject userEvent, WebhookFormat format, DateTimeOffset publishTime) =>
        Build(agent, Encoding.UTF8.GetBytes(userEvent.ToJsonString(RbmJson.Options)), format, publishTime);

    /// <summary>From the event's exact bytes (the control API's raw webhooks keep a caller's bytes as they are).</summary>
    public static WebhookPayload Build(Agent agent, byte[] userEvent, WebhookFormat format, DateTimeOffset publishTime)
    {
        var body = format == WebhookFormat.PubSub ? PubSubEnvelope.Wrap(userEvent, agent.AgentId, publishTime) : userEvent;
        return new WebhookPayload(body, userEvent, GoogSignature.Sign(userEvent, agent.WebhookSecret), format);
    }

    public string EventText => Encoding.UTF8.GetString(UserEvent);

    public string BodyText => Encoding.UTF8.GetString(Body);
}
