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

    public async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        return await ReadAsync<T>(response, ct);
    }

    public async Task<T> PostAsync<T>(string path, object? body, CancellationToken ct)
    {
        using var response = await http.PostAsync(path, body is null ? null : JsonContent.Create(body), ct);
        return await ReadAsync<T>(response, ct);
    }

    public async Task<T> PutAsync<T>(string path, object body, CancellationToken ct)
    {
        using var response = await http.PutAsJsonAsync(path, body, ct);
        return await ReadAsync<T>(response, ct);
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
