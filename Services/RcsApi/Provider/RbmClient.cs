using System.Text.Json.Nodes;
using WhatsAppGenesys.Clients.Tokens;

namespace WhatsAppGenesys.RcsApi.Provider;

/// <summary>A provider answer: its status, body and Retry-After.</summary>
public sealed record RbmAnswer(int Status, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// Google's RBM API v1 at the tenant's aggregator (<c>Rcs:BaseUrl</c>): agent messages and capability checks, with
/// the tenant's bearer token, which <see cref="BearerTokenHandler"/> regenerates and retries once on 401/403.
/// Transport failures and a missing token come back as exceptions; every HTTP answer comes back as it is.
/// </summary>
public sealed class RbmClient(HttpClient http)
{
    public const string HttpClientName = "rbm";

    public Task<RbmAnswer> SendAsync(string tenantId, string agentId, string msisdn, string messageId, JsonObject contentMessage, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post,
            $"v1/phones/{Uri.EscapeDataString(msisdn)}/agentMessages?messageId={messageId}&agentId={Uri.EscapeDataString(agentId)}")
        {
            Content = JsonContent(new JsonObject { ["contentMessage"] = contentMessage.DeepClone() }),
        };
        return CallAsync(request.ForTenant(tenantId), ct);
    }

    /// <summary>phones.agentEvents.create: IS_TYPING, or READ of one of the user's messages.</summary>
    public Task<RbmAnswer> SendEventAsync(string tenantId, string agentId, string msisdn, string eventId, string eventType, string? messageId, CancellationToken ct)
    {
        var body = new JsonObject { ["eventType"] = eventType };
        if (messageId is not null)
        {
            body["messageId"] = messageId;
        }
        var request = new HttpRequestMessage(HttpMethod.Post,
            $"v1/phones/{Uri.EscapeDataString(msisdn)}/agentEvents?eventId={eventId}&agentId={Uri.EscapeDataString(agentId)}")
        {
            Content = JsonContent(body),
        };
        return CallAsync(request.ForTenant(tenantId), ct);
    }

    public Task<RbmAnswer> GetCapabilitiesAsync(string tenantId, string agentId, string msisdn, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            $"v1/phones/{Uri.EscapeDataString(msisdn)}/capabilities?requestId={Guid.NewGuid()}&agentId={Uri.EscapeDataString(agentId)}");
        return CallAsync(request.ForTenant(tenantId), ct);
    }

    private async Task<RbmAnswer> CallAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var response = await http.SendAsync(request, ct))
        {
            var retryAfter = response.Headers.RetryAfter?.Delta;
            return new RbmAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct), retryAfter);
        }
    }

    private static StringContent JsonContent(JsonNode body) =>
        new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
