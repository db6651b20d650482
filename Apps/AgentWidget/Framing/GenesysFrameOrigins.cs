using System.Net;
using Microsoft.Extensions.Caching.Memory;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.AgentWidget.Framing;

/// <summary>
/// The Genesys Cloud origin that may frame a workspace's widget (its region's web app), from the portal service,
/// remembered for a few minutes: every page load asks. Null when the workspace is unknown or the answer unavailable,
/// and then nothing may frame the widget.
/// </summary>
public sealed class GenesysFrameOrigins(HttpClient http, IMemoryCache cache, ILogger<GenesysFrameOrigins> logger)
{
    private static readonly TimeSpan Known = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Unknown = TimeSpan.FromSeconds(30);

    public async Task<string?> OriginAsync(string workspace, CancellationToken cancellationToken)
    {
        var key = "widget-frame-origin:" + workspace;
        if (cache.TryGetValue(key, out string? origin))
        {
            return origin;
        }
        try
        {
            using var response = await http.GetAsync($"api/v1/agent/sign-in/{Uri.EscapeDataString(workspace)}/widget-host", cancellationToken);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Conflict)
            {
                cache.Set(key, (string?)null, Unknown);
                return null;
            }
            origin = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AgentWidgetHost>(cancellationToken))?.GenesysOrigin;
            cache.Set(key, origin, Known);
            return origin;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
            && !cancellationToken.IsCancellationRequested)
        {
            // Not remembered: the next load asks again. Until then the widget refuses to be framed (it fails closed).
            logger.LogWarning("The Genesys origin of workspace {Workspace} is unavailable: {Reason}", workspace, ex.GetType().Name);
            return null;
        }
    }
}
