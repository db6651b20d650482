using WhatsAppGenesys.SandboxKit.Faults;
using WhatsAppGenesys.MetaSandbox.EmbeddedSignup;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Control;

// /sandbox: info, businesses, faults, run-time settings and counters; customers, webhooks, templates and limits in
// their own files, as is the Embedded Signup popup.
public static class SandboxApi
{
    public static IEndpointRouteBuilder MapSandboxApi(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox");
        sandbox.MapGet("/info", GetInfo);
        sandbox.MapPost("/businesses", RegisterBusiness);
        sandbox.MapFaultEndpoints<FaultRequest>(
            request => request.Status is null or 0 && request.ErrorCode is null && request.LatencyMs is null or 0 && request.ResponseLatencyMs is null or 0
                ? "A fault needs a status, an errorCode, a latencyMs or a responseLatencyMs."
                : null);
        sandbox.MapGet("/settings", (SandboxSettings settings) => Results.Json(Describe(settings)));
        sandbox.MapPatch("/settings", PatchSettings);
        sandbox.MapGet("/stats", (SandboxCounters counters) => Results.Json(counters.Snapshot()));
        sandbox.MapDelete("/stats", (SandboxCounters counters) =>
        {
            counters.Reset();
            return Results.NoContent();
        });
        sandbox.MapCustomersApi();
        sandbox.MapWebhooksControlApi();
        sandbox.MapTemplatesControlApi();
        sandbox.MapLimitsControlApi();
        sandbox.MapEmbeddedSignupControl();
        return app;
    }

    // Identifiers only: tokens and secrets stay in configuration.
    private static IResult GetInfo([AsParameters] ControlServices services)
    {
        var business = services.Businesses.Default;
        var options = services.Options.Value;
        return Results.Json(new
        {
            graphVersion = options.GraphVersion,
            wabaId = business.WabaId,
            phoneNumberIds = business.PhoneNumberIds,
            displayPhoneNumber = business.DisplayPhoneNumber,
            webhookUrl = business.WebhookUrl,
            publicBaseUrl = string.IsNullOrEmpty(options.PublicBaseUrl) ? null : options.PublicBaseUrl,
            businesses = services.Businesses.Count,
            customers = services.Customers.Count,
            settings = Describe(services.Settings),
            stats = services.Counters.Snapshot(),
        });
    }

    private static IResult RegisterBusiness(BusinessRequest request, BusinessRegistry businesses)
    {
        if (string.IsNullOrWhiteSpace(request.WabaId) || request.PhoneNumberIds is not { Count: > 0 } phoneNumberIds ||
            string.IsNullOrWhiteSpace(request.AccessToken) || string.IsNullOrWhiteSpace(request.AppSecret))
        {
            return Results.Problem("wabaId, phoneNumberIds, accessToken and appSecret are required.", statusCode: StatusCodes.Status400BadRequest);
        }
        var business = new Business(request.WabaId, [.. phoneNumberIds], request.DisplayPhoneNumber ?? "", request.AccessToken,
            request.AppSecret, request.VerifyToken ?? "", string.IsNullOrWhiteSpace(request.WebhookUrl) ? null : request.WebhookUrl);
        businesses.Register(business);
        return Results.Created($"/sandbox/businesses/{business.WabaId}",
            new { wabaId = business.WabaId, phoneNumberIds = business.PhoneNumberIds, webhookUrl = business.WebhookUrl });
    }

    private static IResult PatchSettings(SettingsPatch patch, SandboxSettings settings)
    {
        if (patch.MessagesPerSecond is { } mps) settings.MessagesPerSecond = mps;
        if (patch.EnforceCustomerServiceWindow is { } window) settings.EnforceCustomerServiceWindow = window;
        if (patch.PolicyErrorDelivery is { } delivery) settings.PolicyErrorDelivery = delivery;
        if (patch.SentDelayMs is { } sent) settings.SentDelayMs = sent;
        if (patch.DeliveredDelayMs is { } delivered) settings.DeliveredDelayMs = delivered;
        if (patch.ReadDelayMs is { } read) settings.ReadDelayMs = read;
        if (patch.FinalStatus is { } final) settings.FinalStatus = StatusProgressions.Parse(final);
        if (patch.FetchMediaLinks is { } fetch) settings.FetchMediaLinks = fetch;
        return Results.Json(Describe(settings));
    }

    private static object Describe(SandboxSettings s) => new
    {
        messagesPerSecond = s.MessagesPerSecond,
        enforceCustomerServiceWindow = s.EnforceCustomerServiceWindow,
        policyErrorDelivery = s.PolicyErrorDelivery,
        sentDelayMs = s.SentDelayMs,
        deliveredDelayMs = s.DeliveredDelayMs,
        readDelayMs = s.ReadDelayMs,
        finalStatus = s.FinalStatus,
        fetchMediaLinks = s.FetchMediaLinks,
    };
}
