using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.WhatsAppApi.Graph;

namespace WhatsAppGenesys.WhatsAppApi.Onboarding;

/// <summary>
/// What a Tech Provider does after Meta's signup popup, in Meta's order:
/// <list type="number">
/// <item>exchange the code for the business token: <c>GET /{v}/oauth/access_token?client_id&amp;client_secret&amp;code</c>;</item>
/// <item>check the token really grants the WABA the popup named: <c>GET /{v}/debug_token</c>, <c>granular_scopes[].target_ids</c>;</item>
/// <item>read the WABA's numbers and find the popup's one: <c>GET /{v}/{waba-id}/phone_numbers</c>;</item>
/// <item>subscribe our app to the WABA's webhooks: <c>POST /{v}/{waba-id}/subscribed_apps</c>;</item>
/// <item>register the number for Cloud API with its two-step PIN: <c>POST /{v}/{phone-number-id}/register</c>.</item>
/// </list>
/// Nothing is stored here: the caller saves the result with the tenant.
/// </summary>
public sealed class EmbeddedSignupCompletion(HttpClient http, IOptions<MetaGraphOptions> graph, IOptions<MetaAppOptions> app,
    ILogger<EmbeddedSignupCompletion> logger)
{
    public const string HttpClientName = "meta-onboarding";

    public async Task<EmbeddedSignupResult> CompleteAsync(string code, string wabaId, string phoneNumberId, string pin, CancellationToken ct)
    {
        var options = app.Value;
        var token = await ExchangeCodeAsync(options, code, ct);
        await RequireGrantAsync(options, token, wabaId, ct);
        var number = await FindPhoneNumberAsync(options, token, wabaId, phoneNumberId, ct);
        await PostAsync(options, token, $"{wabaId}/subscribed_apps", null, "subscribe", "subscribing our app to the WhatsApp Business Account", ct);
        await PostAsync(options, token, $"{phoneNumberId}/register", new { messaging_product = "whatsapp", pin }, "register",
            "registering the phone number", ct);
        logger.LogInformation("Embedded Signup completed for WABA {WabaId}, phone number {PhoneNumberId}", wabaId, phoneNumberId);
        return new EmbeddedSignupResult(wabaId, phoneNumberId, number.DisplayPhoneNumber, number.VerifiedName, token, options.AppSecret!);
    }

    private async Task<string> ExchangeCodeAsync(MetaAppOptions options, string code, CancellationToken ct)
    {
        var path = $"/{options.GraphVersion}/oauth/access_token?client_id={Uri.EscapeDataString(options.AppId!)}" +
                   $"&client_secret={Uri.EscapeDataString(options.AppSecret!)}&code={Uri.EscapeDataString(code)}";
        var body = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Graph(path)), "code", "exchanging the signup code", ct);
        return body.TryGetProperty("access_token", out var token) && token.GetString() is { Length: > 0 } value
            ? value
            : throw new EmbeddedSignupFailure("code", "Meta's answer to the code exchange had no access token.");
    }

    private async Task RequireGrantAsync(MetaAppOptions options, string token, string wabaId, CancellationToken ct)
    {
        // Asked with the app's own token ({app-id}|{app-secret}), as Meta documents for inspecting a user's token.
        var path = $"/{options.GraphVersion}/debug_token?input_token={Uri.EscapeDataString(token)}";
        var body = await SendAsync(Authorized(HttpMethod.Get, path, $"{options.AppId}|{options.AppSecret}"), "grant", "checking what the business granted", ct);
        var granted = body.GetProperty("data").TryGetProperty("granular_scopes", out var scopes)
            ? scopes.Deserialize<List<GranularScope>>() ?? []
            : [];
        if (!granted.Any(s => s.Scope == "whatsapp_business_management" && s.TargetIds?.Contains(wabaId) == true))
        {
            throw new EmbeddedSignupFailure("grant",
                $"The business did not grant our app access to the WhatsApp Business Account {wabaId}. Run the signup again and keep that account selected.");
        }
    }

    private async Task<PhoneNumber> FindPhoneNumberAsync(MetaAppOptions options, string token, string wabaId, string phoneNumberId, CancellationToken ct)
    {
        var body = await SendAsync(Authorized(HttpMethod.Get, $"/{options.GraphVersion}/{wabaId}/phone_numbers", token), "phone-number",
            "reading the account's phone numbers", ct);
        var numbers = body.GetProperty("data").Deserialize<List<PhoneNumber>>() ?? [];
        return numbers.FirstOrDefault(n => n.Id == phoneNumberId)
            ?? throw new EmbeddedSignupFailure("phone-number", $"The WhatsApp Business Account {wabaId} has no phone number {phoneNumberId}.");
    }

    private async Task PostAsync(MetaAppOptions options, string token, string path, object? json, string step, string what, CancellationToken ct)
    {
        var request = Authorized(HttpMethod.Post, $"/{options.GraphVersion}/{path}", token);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }
        await SendAsync(request, step, what, ct);
    }

    private HttpRequestMessage Authorized(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, Graph(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private Uri Graph(string pathAndQuery) => new(graph.Value.GraphBaseUrl, pathAndQuery);

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, string step, string what, CancellationToken ct)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                throw new EmbeddedSignupFailure(step, $"Meta did not answer while {what} ({ex.GetType().Name}). Try again.");
            }
            using (response)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                if (response.IsSuccessStatusCode)
                {
                    return body;
                }
                var error = body.TryGetProperty("error", out var e) ? e : default;
                var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : null;
                var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) ? c.ToString() : null;
                logger.LogWarning("Embedded Signup step {Step} refused by Meta: {Status} code {Code}", step, (int)response.StatusCode, code);
                throw new EmbeddedSignupFailure(step, $"Meta refused {what}: {message ?? response.ReasonPhrase} (code {code ?? "none"}).");
            }
        }
    }

    private sealed record GranularScope(
        [property: JsonPropertyName("scope")] string? Scope,
        [property: JsonPropertyName("target_ids")] List<string>? TargetIds);

    private sealed record PhoneNumber(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("display_phone_number")] string? DisplayPhoneNumber,
        [property: JsonPropertyName("verified_name")] string? VerifiedName);
}
