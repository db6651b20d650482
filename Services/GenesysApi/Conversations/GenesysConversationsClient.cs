using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.GenesysApi.OpenMessaging;

namespace WhatsAppGenesys.GenesysApi.Conversations;

/// <summary>The Genesys Conversations API calls of the conversation controls, for one tenant's organisation.</summary>
public sealed class GenesysConversationsClient(HttpClient http, IOptions<GenesysOptions> options, ILogger<GenesysConversationsClient> logger)
{
    public const string HttpClientName = "genesys-conversations";

    public async Task<(GenesysMessageConversation? Conversation, ProviderError? Error)> GetAsync(
        string tenantId, GenesysSettings settings, string conversationId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri(settings, conversationId, ""));
        var (payload, error) = await GenesysHttp.SendAsync(http, request, tenantId, logger, ct);
        return error is null ? (JsonSerializer.Deserialize<GenesysMessageConversation>(payload!, GenesysJson.Options), null) : (null, error);
    }

    /// <summary>PATCH the participant to <c>disconnected</c>; Genesys answers 202 Accepted and applies it.</summary>
    public async Task<ProviderError?> DisconnectParticipantAsync(
        string tenantId, GenesysSettings settings, string conversationId, string participantId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, Uri(settings, conversationId, $"/participants/{System.Uri.EscapeDataString(participantId)}"))
        {
            Content = JsonContent.Create(GenesysParticipantUpdate.Disconnect, options: GenesysJson.Options),
        };
        return (await GenesysHttp.SendAsync(http, request, tenantId, logger, ct)).Error;
    }

    private Uri Uri(GenesysSettings settings, string conversationId, string suffix) =>
        new(GenesysHttp.BaseUri(options.Value, settings), $"/api/v2/conversations/messages/{System.Uri.EscapeDataString(conversationId)}{suffix}");
}
