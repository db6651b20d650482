using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.AgentWeb.Conversations;

namespace WhatsAppGenesys.AgentPortal.Workspace;

/// <summary>The portal service's quick replies (<c>/api/v1/agent/quick-replies</c>), called with the agent's session token.</summary>
public sealed class QuickRepliesClient(HttpClient http)
{
    private const string Path = "api/v1/agent/quick-replies";

    /// <summary>The workspace's quick replies by title; empty when the session no longer counts.</summary>
    public async Task<IReadOnlyList<QuickReplyView>> ListAsync(AgentSession session, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(session.Request(Path), cancellationToken);
        return response.StatusCode == HttpStatusCode.Unauthorized
            ? []
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<QuickReplyView>>(cancellationToken) ?? [];
    }

    /// <summary>Creates (<paramref name="id"/> null) or changes a quick reply; the refusal in words when it is not saved.</summary>
    public async Task<string?> SaveAsync(AgentSession session, Guid? id, QuickReplyRequest reply, CancellationToken cancellationToken)
    {
        using var request = id is { } existing ? session.Request($"{Path}/{existing}", HttpMethod.Put) : session.Request(Path, HttpMethod.Post);
        request.Content = JsonContent.Create(reply);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? null : await RefusalAsync(response, cancellationToken);
    }

    /// <summary>Deletes a quick reply; the refusal in words when it is not deleted.</summary>
    public async Task<string?> DeleteAsync(AgentSession session, Guid id, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(session.Request($"{Path}/{id}", HttpMethod.Delete), cancellationToken);
        return response.IsSuccessStatusCode ? null : await RefusalAsync(response, cancellationToken);
    }

    // A validation problem names what is wrong per field; any other problem says it in its detail.
    private static async Task<string> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.BadRequest
            && await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(cancellationToken) is { Errors.Count: > 0 } invalid)
        {
            return string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
        }
        var problem = await response.ReadProblemAsync(cancellationToken);
        return problem?.Detail ?? $"The quick reply could not be saved ({(int)response.StatusCode}).";
    }
}
