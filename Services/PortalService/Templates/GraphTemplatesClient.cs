using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// Meta's WhatsApp Business Management API for one tenant's WABA: <c>/{version}/{waba-id}/message_templates</c>, list
/// (a page at a time), create and delete by name. The tenant's bearer token comes from the shared token handler.
/// </summary>
public sealed class GraphTemplatesClient(HttpClient http, IOptions<MetaGraphOptions> options, ILogger<GraphTemplatesClient> logger)
{
    public const string HttpClientName = "meta-graph-templates";

    /// <summary>How many templates one list page asks for (Meta allows up to 1,000; its default is 25).</summary>
    public const int PageSize = 100;

    public Task<GraphResult<MetaGraphList<MetaMessageTemplate>>> ListPageAsync(TenantWaba waba, string? after, int pageSize, CancellationToken ct)
    {
        var query = $"?limit={pageSize}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
        return SendAsync<MetaGraphList<MetaMessageTemplate>>(waba, HttpMethod.Get, query, null, ct);
    }

    public Task<GraphResult<MetaCreateTemplateResponse>> CreateAsync(TenantWaba waba, MetaCreateTemplateRequest template, CancellationToken ct) =>
        SendAsync<MetaCreateTemplateResponse>(waba, HttpMethod.Post, "", JsonContent.Create(template, options: MetaJson.Options), ct);

    /// <summary>Deletes every language of the name at Meta.</summary>
    public Task<GraphResult<MetaSuccessResponse>> DeleteAsync(TenantWaba waba, string name, CancellationToken ct) =>
        SendAsync<MetaSuccessResponse>(waba, HttpMethod.Delete, $"?name={Uri.EscapeDataString(name)}", null, ct);

    private async Task<GraphResult<T>> SendAsync<T>(TenantWaba waba, HttpMethod method, string query, HttpContent? content, CancellationToken ct)
        where T : class
    {
        var uri = new Uri(options.Value.GraphBaseUrl, $"/{waba.GraphVersion}/{Uri.EscapeDataString(waba.WabaId)}/message_templates{query}");
        using var request = new HttpRequestMessage(method, uri) { Content = content }.ForTenant(waba.TenantId);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (AccessTokenUnavailableException ex)
        {
            return new(null, GraphFailure.Unreachable($"No WhatsApp access token for the tenant: {ex.Message}"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new(null, GraphFailure.Unreachable($"Meta did not answer: {ex.GetType().Name}"));
        }

        using (response)
        {
            var payload = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                var failure = GraphFailure.From((int)response.StatusCode, payload);
                logger.LogWarning("Meta answered {Status} with error {Code}/{Subcode} to {Method} message_templates",
                    failure.HttpStatus, failure.Code, failure.Subcode, method.Method);
                return new(null, failure);
            }
            try
            {
                return JsonSerializer.Deserialize<T>(payload, MetaJson.Options) is { } value
                    ? new(value, null)
                    : new(null, new GraphFailure(502, null, null, "Meta answered JSON null.", null, null));
            }
            catch (JsonException ex)
            {
                return new(null, new GraphFailure(502, null, null, $"Meta's answer is not what its API documents: {ex.Message}", null, null));
            }
        }
    }
}

/// <summary>An answer from Meta, or why there is none.</summary>
public sealed record GraphResult<T>(T? Value, GraphFailure? Failure) where T : class;
