namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// The Graph calls a partner makes around Embedded Signup, under the version group: exchange the code, read the
// token's WABA, list the WABA's numbers, subscribe the app, register the number.
public static class EmbeddedSignupEndpoints
{
    public static RouteGroupBuilder MapEmbeddedSignupGraph(this RouteGroupBuilder graph)
    {
        graph.MapGet("/oauth/access_token", OAuthApi.Exchange);
        graph.MapGet("/debug_token", DebugTokenApi.Debug);
        graph.MapGet("/{wabaId}/phone_numbers", PhoneNumbersApi.List);
        graph.MapPost("/{wabaId}/subscribed_apps", SubscribedAppsApi.Subscribe);
        graph.MapGet("/{wabaId}/subscribed_apps", SubscribedAppsApi.List);
        graph.MapPost("/{phoneNumberId}/register", RegisterApi.RegisterAsync);
        return graph;
    }
}
