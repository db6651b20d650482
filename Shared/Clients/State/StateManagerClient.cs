using System.Net;
using System.Net.Http.Json;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.Clients.State;

/// <summary>The state manager's REST API, always for one tenant (<c>X-Tenant-ID</c>).</summary>
public sealed class StateManagerClient(HttpClient http)
{
    public static readonly Uri DefaultBaseAddress = new($"http://{ServiceNames.StateManager}");

    public Task<ConversationMapping> EnsureMappingAsync(string tenantId, EnsureMappingRequest request, CancellationToken ct) =>
        SendAsync<ConversationMapping>(tenantId, HttpMethod.Post, "state/mapping", request, ct)!;

    public Task<ConversationMapping?> FindMappingAsync(string tenantId, string customerId, CancellationToken ct) =>
        SendAsync<ConversationMapping>(tenantId, HttpMethod.Get, $"state/mapping/{Uri.EscapeDataString(customerId)}", null, ct, allowNotFound: true);

    public Task<ConversationMapping?> FindConversationAsync(string tenantId, string conversationId, CancellationToken ct) =>
        SendAsync<ConversationMapping>(tenantId, HttpMethod.Get, $"state/conversation/{Uri.EscapeDataString(conversationId)}", null, ct, allowNotFound: true);

    public Task<ConversationMapping?> LinkGenesysConversationAsync(string tenantId, string customerId, string genesysConversationId, CancellationToken ct) =>
        SendAsync<ConversationMapping>(tenantId, HttpMethod.Put, $"state/mapping/{Uri.EscapeDataString(customerId)}/genesys-conversation",
            new GenesysConversationLink(genesysConversationId), ct, allowNotFound: true);

    public Task<RecordMessageResult> RecordMessageAsync(string tenantId, RecordMessageRequest request, CancellationToken ct) =>
        SendAsync<RecordMessageResult>(tenantId, HttpMethod.Post, "state/message", request, ct)!;

    /// <summary><see cref="EnsureMappingAsync"/> and <see cref="RecordMessageAsync"/> in one round trip.</summary>
    public Task<RecordInConversationResult> RecordInConversationAsync(string tenantId, RecordInConversationRequest request, CancellationToken ct) =>
        SendAsync<RecordInConversationResult>(tenantId, HttpMethod.Post, "state/conversation/message", request, ct)!;

    public Task<TrackedMessage?> FindMessageAsync(string tenantId, string direction, string messageId, CancellationToken ct) =>
        SendAsync<TrackedMessage>(tenantId, HttpMethod.Get, $"state/message/{direction}/{Uri.EscapeDataString(messageId)}", null, ct, allowNotFound: true);

    public Task<TrackedMessage?> FindByWhatsAppIdAsync(string tenantId, string wamid, CancellationToken ct) =>
        SendAsync<TrackedMessage>(tenantId, HttpMethod.Get, $"state/message/by-wamid/{Uri.EscapeDataString(wamid)}", null, ct, allowNotFound: true);

    public Task<TrackedMessage?> UpdateStatusAsync(string tenantId, string direction, string messageId, UpdateMessageStatusRequest update, CancellationToken ct) =>
        SendAsync<TrackedMessage>(tenantId, HttpMethod.Patch, $"state/message/{direction}/{Uri.EscapeDataString(messageId)}/status", update, ct, allowNotFound: true);

    /// <summary>
    /// A provider's status of one of our messages: finds the ledger row by the provider's message id and moves it
    /// forward, in one round trip. Null when no row has that id (yet).
    /// </summary>
    public Task<ProviderStatusResult?> UpdateStatusByWhatsAppIdAsync(string tenantId, string wamid, UpdateMessageStatusRequest update, CancellationToken ct) =>
        SendAsync<ProviderStatusResult>(tenantId, HttpMethod.Patch, $"state/message/by-wamid/{Uri.EscapeDataString(wamid)}/status", update, ct, allowNotFound: true);

    private async Task<T?> SendAsync<T>(string tenantId, HttpMethod method, string path, object? body, CancellationToken ct, bool allowNotFound = false)
        where T : class
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Tenant-ID", tenantId);
        using var response = await http.SendAsync(request, ct);
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(ct);
    }
}
