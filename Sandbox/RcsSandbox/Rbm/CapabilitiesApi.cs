using System.Text.Json.Nodes;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>
/// <c>GET /v1/phones/{msisdn}/capabilities?requestId={uuid}&amp;agentId={agentId}</c> (phones.getCapabilities): the
/// features of an RCS-capable device, or 404 NOT_FOUND for a number RBM cannot reach. Not rate-limited (the send limit
/// is about messages).
/// </summary>
public static class CapabilitiesApi
{
    /// <summary>What every simulated device supports (RBM's Feature enum).</summary>
    public static readonly string[] Features =
    [
        "RICHCARD_STANDALONE",
        "RICHCARD_CAROUSEL",
        "ACTION_CREATE_CALENDAR_EVENT",
        "ACTION_DIAL",
        "ACTION_OPEN_URL",
        "ACTION_SHARE_LOCATION",
        "ACTION_VIEW_LOCATION",
    ];

    public static IResult Get(string msisdn, HttpRequest request, [AsParameters] RbmServices services)
    {
        if (RbmAuth.Authorize(request, services.Tokens, services.Agents, out _, out var tokenPresented) is { } authError)
        {
            return services.Reject(authError, tokenPresented);
        }
        Interlocked.Increment(ref services.Counters.CapabilityChecks);
        if ((RequestIds.CheckPhone(msisdn) ?? RequestIds.Check(request, "requestId", out _)) is { } invalid)
        {
            return services.Reject(invalid);
        }
        if (!services.Users.IsCapable(msisdn))
        {
            return services.Reject(GoogleError.NotFound());
        }
        return Results.Json(new JsonObject { ["features"] = new JsonArray([.. Features.Select(f => (JsonNode)f)]) }, RbmJson.Options);
    }
}
