using System.Net.Http.Json;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.Clients.Providers;

/// <summary>The WhatsApp API service as the transformers call it: a result, or a normalised <see cref="ProviderError"/>.</summary>
public sealed class WhatsAppApiClient(HttpClient http)
{
    public static readonly Uri DefaultBaseAddress = new($"http://{ServiceNames.WhatsAppApi}");

    /// <summary>Sends one Graph <c>/messages</c> body; the same idempotency key never reaches Meta twice.</summary>
    public Task<ProviderCall<WhatsAppSendResult>> SendAsync(string tenantId, WhatsAppSendRequest request, CancellationToken ct) =>
        PostAsync<WhatsAppSendResult>(tenantId, "whatsapp/messages", request, ct);

    /// <summary>Marks a customer's message read, optionally with the typing indicator.</summary>
    public Task<ProviderCall<WhatsAppMarkReadResult>> MarkReadAsync(string tenantId, WhatsAppMarkReadRequest request, CancellationToken ct) =>
        PostAsync<WhatsAppMarkReadResult>(tenantId, "whatsapp/messages/read", request, ct);

    private async Task<ProviderCall<T>> PostAsync<T>(string tenantId, string path, object body, CancellationToken ct) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Tenant-ID", tenantId);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return await ProviderCall<T>.ReadAsync(response, ProviderNames.Meta, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // The service itself is unreachable or slow (restarting, say): the pipeline retries later.
            return new(null, new ProviderError(ProviderNames.Meta, 503, "service.unreachable",
                $"The WhatsApp API service did not answer: {ex.GetType().Name}", Retryable: true));
        }
    }
}
