namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>
/// The RBM REST API v1 paths an aggregator exposes (rcsbusinessmessaging.googleapis.com/v1/...), served at the root.
/// The number is the path segment after phones/, with its '+' (sent as is or as %2B).
/// </summary>
public static class RbmApiEndpoints
{
    public static IEndpointRouteBuilder MapRbmApi(this IEndpointRouteBuilder app)
    {
        var phones = app.MapGroup("/v1/phones/{msisdn}");
        phones.MapPost("/agentMessages", AgentMessagesApi.CreateAsync);
        phones.MapPost("/agentEvents", AgentEventsApi.CreateAsync);
        phones.MapGet("/capabilities", CapabilitiesApi.Get);
        return app;
    }
}
