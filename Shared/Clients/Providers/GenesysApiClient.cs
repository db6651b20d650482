using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.Clients.Providers;

/// <summary>The Genesys API service as the transformers call it: a result, or a normalised <see cref="ProviderError"/>.</summary>
public sealed class GenesysApiClient(HttpClient http)
{
    public static readonly Uri DefaultBaseAddress = new($"http://{ServiceNames.GenesysApi}");

    public Task<ProviderCall<GenesysDeliveryResult>> SendInboundMessageAsync(string tenantId, string idempotencyKey, JsonElement body, CancellationToken ct) =>
        PostAsync(tenantId, "genesys/messages/inbound", idempotencyKey, body, ct);

    public Task<ProviderCall<GenesysDeliveryResult>> SendReceiptAsync(string tenantId, string idempotencyKey, JsonElement body, CancellationToken ct) =>
        PostAsync(tenantId, "genesys/receipts", idempotencyKey, body, ct);

    public Task<ProviderCall<GenesysDeliveryResult>> SendEventAsync(string tenantId, string idempotencyKey, JsonElement body, CancellationToken ct) =>
        PostAsync(tenantId, "genesys/events", idempotencyKey, body, ct);

    /// <summary>A text to the customer, sent by Genesys into their active conversation (agentless), at most once per key.</summary>
    public async Task<ProviderCall<GenesysDeliveryResult>> SendAgentlessAsync(string tenantId, GenesysAgentlessRequest message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "genesys/messages/agentless") { Content = JsonContent.Create(message) };
        request.Headers.Add("X-Tenant-ID", tenantId);
        using var response = await http.SendAsync(request, ct);
        return await ProviderCall<GenesysDeliveryResult>.ReadAsync(response, ProviderNames.Genesys, ct);
    }

    /// <summary>Ends the customer's Genesys conversation (the conversation control the tenant API also offers).</summary>
    public async Task<ProviderCall<ConversationDisconnected>> DisconnectAsync(string tenantId, string genesysConversationId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/conversations/{Uri.EscapeDataString(genesysConversationId)}/disconnect");
        request.Headers.Add("X-Tenant-ID", tenantId);
        using var response = await http.SendAsync(request, ct);
        return await ProviderCall<ConversationDisconnected>.ReadAsync(response, ProviderNames.Genesys, ct);
    }

    private async Task<ProviderCall<GenesysDeliveryResult>> PostAsync(string tenantId, string path, string idempotencyKey, JsonElement body, CancellationToken ct)
    {
        var payload = new GenesysDeliveryRequest(idempotencyKey, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(payload) };
        request.Headers.Add("X-Tenant-ID", tenantId);
        using var response = await http.SendAsync(request, ct);
        return await ProviderCall<GenesysDeliveryResult>.ReadAsync(response, ProviderNames.Genesys, ct);
    }
}

/// <summary>The outcome of a call through one of our provider API services.</summary>
public sealed record ProviderCall<T>(T? Result, ProviderError? Error) where T : class
{
    public bool Succeeded => Result is not null;

    public static async Task<ProviderCall<T>> ReadAsync(HttpResponseMessage response, string provider, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return new(await response.Content.ReadFromJsonAsync<T>(ct), null);
        }
        ProviderError? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<ProviderError>(ct);
        }
        catch (JsonException)
        {
            // Not our error shape (the service itself failed): treated as retryable below.
        }
        return new(null, error is { Code.Length: > 0 }
            ? error
            : new ProviderError(provider, (int)response.StatusCode, "service.error", $"The {provider} API service answered {(int)response.StatusCode}",
                Retryable: (int)response.StatusCode >= 500 || (int)response.StatusCode == 429));
    }
}
