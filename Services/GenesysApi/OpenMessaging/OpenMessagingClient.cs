using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.GenesysApi.OpenMessaging;

/// <summary>
/// Posts Open Messaging bodies (messages, receipts, events) to a tenant's Genesys Cloud organisation, and agentless
/// texts to its customers.
/// </summary>
public sealed class OpenMessagingClient(HttpClient http, IOptions<GenesysOptions> options, ILogger<OpenMessagingClient> logger)
{
    public const string HttpClientName = "genesys";

    /// <summary>The endpoint name of an agentless text (the others are the inbound ones: message, receipt, event).</summary>
    public const string Agentless = "agentless";

    public async Task<GenesysCallResult> PostAsync(string tenantId, GenesysSettings settings, string endpoint, JsonElement body, CancellationToken ct)
    {
        var path = endpoint switch
        {
            Agentless => "/api/v2/conversations/messages/agentless",
            // The prefetched conversation id tells the pipeline which Genesys conversation the customer is in.
            "message" => $"/api/v2/conversations/messages/{Uri.EscapeDataString(settings.IntegrationId)}/inbound/open/message?prefetchConversationId=true",
            _ => $"/api/v2/conversations/messages/{Uri.EscapeDataString(settings.IntegrationId)}/inbound/open/{endpoint}",
        };
        var uri = new Uri(GenesysHttp.BaseUri(options.Value, settings), path);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body.GetRawText(), System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        var (payload, error) = await GenesysHttp.SendAsync(http, request, tenantId, logger, ct);
        return error is null ? GenesysCallResult.Succeeded(ParseSuccess(payload!)) : GenesysCallResult.Failed(error);
    }

    private static GenesysDeliveryResult ParseSuccess(string payload)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            return new GenesysDeliveryResult(null, null);
        }
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        return new GenesysDeliveryResult(
            root.TryGetProperty("id", out var id) ? id.GetString() : null,
            root.TryGetProperty("conversationId", out var conversation) ? conversation.GetString() : null);
    }
}

public sealed record GenesysCallResult(GenesysDeliveryResult? Result, ProviderError? Error)
{
    public static GenesysCallResult Succeeded(GenesysDeliveryResult result) => new(result, null);

    public static GenesysCallResult Failed(ProviderError error) => new(null, error);
}
