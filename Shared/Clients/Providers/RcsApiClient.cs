using System.Net.Http.Json;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.Clients.Providers;

/// <summary>The RCS API service as the outbound transformer calls it: RBM's message id, or a normalised <see cref="ProviderError"/>.</summary>
public sealed class RcsApiClient(HttpClient http)
{
    public static readonly Uri DefaultBaseAddress = new($"http://{ServiceNames.RcsApi}");

    /// <summary>Sends one message (<see cref="SendRcsMessageRequest.IdempotencyKey"/> required); the same key never reaches the provider twice.</summary>
    public async Task<ProviderCall<SendRcsMessageResponse>> SendAsync(string tenantId, SendRcsMessageRequest body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "rcs/messages") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Tenant-ID", tenantId);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return await ProviderCall<SendRcsMessageResponse>.ReadAsync(response, ProviderNames.Rcs, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // The service itself is unreachable or slow (restarting, say): the pipeline retries later.
            return new(null, new ProviderError(ProviderNames.Rcs, 503, "service.unreachable",
                $"The RCS API service did not answer: {ex.GetType().Name}", Retryable: true));
        }
    }

    /// <summary>Shows the customer typing or that their message was read; momentary, so the caller only logs a failure.</summary>
    public async Task<ProviderError?> SendEventAsync(string tenantId, SendRcsEventRequest body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "rcs/events") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Tenant-ID", tenantId);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : (await ProviderCall<SendRcsMessageResponse>.ReadAsync(response, ProviderNames.Rcs, ct)).Error;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new ProviderError(ProviderNames.Rcs, 503, "service.unreachable", $"The RCS API service did not answer: {ex.GetType().Name}", Retryable: true);
        }
    }
}
