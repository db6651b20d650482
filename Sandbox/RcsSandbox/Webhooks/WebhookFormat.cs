namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>How a user event travels to the webhook.</summary>
public enum WebhookFormat
{
    /// <summary>
    /// RBM's: a Pub/Sub push envelope {"message":{"data":base64(event),…},"subscription":…}; X-Goog-Signature signs the
    /// decoded event bytes.
    /// </summary>
    PubSub,

    /// <summary>The bare user event JSON as the body (what some aggregators forward); X-Goog-Signature signs the body.</summary>
    Plain,
}
