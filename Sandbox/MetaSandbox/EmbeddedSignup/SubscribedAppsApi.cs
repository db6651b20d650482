using WhatsAppGenesys.MetaSandbox.GraphApi;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// POST /{version}/{waba-id}/subscribed_apps subscribes the token's app (this simulator's app) to the WABA's webhooks
// and answers {"success":true}; GET lists the subscribed apps as {data:[{whatsapp_business_api_data:{id, name}}]}.
// Subscribing gives a signed-up business the app's webhook URL, so its webhooks start flowing only now, as on Meta.
// A business with a webhook URL from configuration or POST /sandbox/businesses counts as subscribed already.
public static class SubscribedAppsApi
{
    public static IResult Subscribe(string wabaId, HttpRequest request, [AsParameters] SignupServices services)
    {
        if (GraphAuth.AuthorizeWaba(request, services.Businesses, wabaId, out var business) is { } authError)
        {
            return GraphErrorResponse.From(authError);
        }
        var webhookUrl = services.Options.Value.WebhookUrl;
        if (business.WebhookUrl is null && !string.IsNullOrWhiteSpace(webhookUrl))
        {
            services.Businesses.Register(business with { WebhookUrl = webhookUrl });
        }
        services.Records.Subscribed(wabaId, services.Time.GetUtcNow());
        return Results.Json(new { success = true }, GraphJson.Options);
    }

    public static IResult List(string wabaId, HttpRequest request, [AsParameters] SignupServices services)
    {
        if (GraphAuth.AuthorizeWaba(request, services.Businesses, wabaId, out var business) is { } authError)
        {
            return GraphErrorResponse.From(authError);
        }
        var app = services.Options.Value;
        var subscribed = business.WebhookUrl is not null || services.Records.SubscribedAt(wabaId) is not null;
        var data = subscribed
            ? new[] { new { whatsapp_business_api_data = new { id = app.AppId, name = app.AppName } } }
            : [];
        return Results.Json(new { data }, GraphJson.Options);
    }
}
