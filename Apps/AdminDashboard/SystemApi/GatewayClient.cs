using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>
/// HTTP to the API gateway with the operator key. Failures become <see cref="GatewayException"/> carrying the
/// service's problem details (its title and detail, or the first validation error), never the request body.
/// </summary>
public sealed class GatewayClient(HttpClient http)
{
    public const string HttpClientName = "gateway";

    public Task<T> GetAsync<T>(string path, CancellationToken ct) => SendAsync<T>(() => http.GetAsync(path, ct), ct);

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken ct) =>
        SendAsync<T>(() => http.PostAsync(path, body is null ? null : JsonContent.Create(body), ct), ct);

    public Task<T> PutAsync<T>(string path, object body, CancellationToken ct) => SendAsync<T>(() => http.PutAsJsonAsync(path, body, ct), ct);

    private static async Task<T> SendAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.CircuitBreaker.BrokenCircuitException
                                       or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            // The pages show a GatewayException as a message; a gateway that cannot be reached is one too, not a crash.
            throw new GatewayException(HttpStatusCode.ServiceUnavailable, "The system is not answering right now. Try again in a moment.");
        }
        using (response)
        {
            return await ReadAsync<T>(response, ct);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new GatewayException(response.StatusCode, await ProblemAsync(response, ct));
        }
        return await response.Content.ReadFromJsonAsync<T>(ct)
            ?? throw new GatewayException(response.StatusCode, "The system answered with an empty body.");
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(ct);
            if (problem?.Errors.Values.SelectMany(e => e).FirstOrDefault() is { } firstError)
            {
                return firstError;
            }
            if (problem?.Detail is { Length: > 0 } detail)
            {
                return detail;
            }
            if (problem?.Title is { Length: > 0 } title)
            {
                return title;
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not problem details: fall through to the status code.
        }
        return $"The system answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }
}
