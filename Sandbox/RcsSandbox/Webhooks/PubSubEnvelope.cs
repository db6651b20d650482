using System.Text.Json.Nodes;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>
/// A Cloud Pub/Sub push request, which is how RBM delivers a user event to a webhook:
/// <c>{"message":{"data":base64(event),"messageId","message_id","publishTime","publish_time"},"subscription":…}</c>.
/// Pub/Sub push writes the id and time in both spellings; both are reproduced so receivers may read either.
/// </summary>
public static class PubSubEnvelope
{
    public static byte[] Wrap(byte[] userEvent, string agentId, DateTimeOffset publishTime)
    {
        var messageId = Ids.NewPubSubMessageId();
        var published = Rfc3339.Format(publishTime);
        var envelope = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["data"] = Convert.ToBase64String(userEvent),
                ["messageId"] = messageId,
                ["message_id"] = messageId,
                ["publishTime"] = published,
                ["publish_time"] = published,
            },
            ["subscription"] = Subscription(agentId),
        };
        return System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString(RbmJson.Options));
    }

    /// <summary>An illustrative subscription name: RBM creates one subscription per agent ("rbm-agent-subscription").</summary>
    public static string Subscription(string agentId) => $"projects/rbm-{agentId}/subscriptions/rbm-agent-subscription";
}
