namespace WhatsAppGenesys.WhatsAppWebhook.Verification;

/// <summary>
/// Meta's subscription check: <c>GET ?hub.mode=subscribe&amp;hub.verify_token=…&amp;hub.challenge=…</c>
/// must echo the challenge as text/plain when the token matches, 403 otherwise. The webhook subscription belongs to
/// the Meta app, so the token is the app's (<c>Meta:WebhookVerifyToken</c>), not a tenant's.
/// </summary>
public static class SubscriptionHandshake
{
    public static IResult Verify(HttpRequest request, IConfiguration configuration)
    {
        var expected = configuration["Meta:WebhookVerifyToken"];
        var query = request.Query;
        if (string.IsNullOrEmpty(expected) || query["hub.mode"] != "subscribe" ||
            !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(query["hub.verify_token"].ToString()), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        return Results.Text(query["hub.challenge"].ToString(), "text/plain");
    }
}
