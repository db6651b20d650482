using System.Net;
using System.Net.Http.Json;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.AgentWeb.Conversations;

/// <summary>The portal service's agent conversation routes, called with the agent's session token.</summary>
public sealed class ConversationsClient(HttpClient http)
{
    /// <summary>The tenant's conversations for a filter (open, mine, all); null when the session no longer counts.</summary>
    public async Task<IReadOnlyList<AgentConversationSummary>?> ListAsync(AgentSession session, string filter, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(session.Request($"api/v1/agent/conversations?filter={Uri.EscapeDataString(filter)}&limit=100"),
            cancellationToken);
        return response.StatusCode == HttpStatusCode.Unauthorized
            ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<AgentConversationSummary>>(cancellationToken);
    }

    /// <summary>A conversation's messages after <paramref name="afterSequence"/>, oldest first; null when the tenant has no such conversation.</summary>
    public async Task<IReadOnlyList<AgentMessage>?> MessagesAsync(AgentSession session, Guid conversationId, long afterSequence,
        CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(
            session.Request($"api/v1/agent/conversations/{conversationId}/messages?after={afterSequence}&limit=500"), cancellationToken);
        return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized
            ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<List<AgentMessage>>(cancellationToken);
    }

    /// <summary>Sends a free-text reply (through Genesys); the problem's detail when refused.</summary>
    public async Task<(bool Sent, string? Refusal)> ReplyAsync(AgentSession session, Guid conversationId, AgentReplyRequest reply,
        CancellationToken cancellationToken)
    {
        using var request = session.Request($"api/v1/agent/conversations/{conversationId}/messages", HttpMethod.Post);
        request.Content = JsonContent.Create(reply);
        return await CommandAsync(request, "The message could not be sent", cancellationToken);
    }

    /// <summary>Sends a file with an optional caption (straight to WhatsApp); the problem's detail when refused.</summary>
    public async Task<(bool Sent, string? Refusal)> SendAttachmentAsync(AgentSession session, Guid conversationId, Stream file, string fileName,
        string contentType, string? caption, string clientMessageId, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var content = new StreamContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(content, "file", fileName);
        if (!string.IsNullOrWhiteSpace(caption))
        {
            form.Add(new StringContent(caption), "caption");
        }
        form.Add(new StringContent(clientMessageId), "clientMessageId");
        using var request = session.Request($"api/v1/agent/conversations/{conversationId}/attachments", HttpMethod.Post);
        request.Content = form;
        return await CommandAsync(request, "The file could not be sent", cancellationToken);
    }

    /// <summary>The approved templates the agent can send into the conversation, prefilled from the customer's contact.</summary>
    public async Task<AgentTemplateOptions?> TemplatesAsync(AgentSession session, Guid conversationId, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(session.Request($"api/v1/agent/conversations/{conversationId}/templates"), cancellationToken);
        return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized
            ? null
            : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AgentTemplateOptions>(cancellationToken);
    }

    /// <summary>Sends an approved template to the customer; the problem's detail when refused.</summary>
    public async Task<(bool Sent, string? Refusal)> SendTemplateAsync(AgentSession session, Guid conversationId, AgentTemplateSendRequest send,
        CancellationToken cancellationToken)
    {
        using var request = session.Request($"api/v1/agent/conversations/{conversationId}/templates", HttpMethod.Post);
        request.Content = JsonContent.Create(send);
        return await CommandAsync(request, "The template could not be sent", cancellationToken);
    }

    /// <summary>Ends the customer's conversation in Genesys (supervisors and admins); the problem's detail when refused.</summary>
    public async Task<(bool Ended, string? Refusal)> EndAsync(AgentSession session, Guid conversationId, CancellationToken cancellationToken)
    {
        using var request = session.Request($"api/v1/agent/conversations/{conversationId}/end", HttpMethod.Post);
        return await CommandAsync(request, "The conversation could not be ended", cancellationToken);
    }

    // An action the portal service may refuse: done, or why not in words (its problem's detail, else the status). No
    // answer in time is said in words too, not thrown: an exception out of a page's event handler would end the agent's
    // whole session on the page. Every command carries the agent's own id for it, so sending again is safe.
    private async Task<(bool Done, string? Refusal)> CommandAsync(HttpRequestMessage request, string failure, CancellationToken cancellationToken)
    {
        HttpResponseMessage answer;
        try
        {
            answer = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
                                       or Polly.CircuitBreaker.BrokenCircuitException && !cancellationToken.IsCancellationRequested)
        {
            return (false, $"{failure}: the portal did not answer in time, and it may have gone through. Trying again is safe: nothing is done twice.");
        }
        using var response = answer;
        if (response.IsSuccessStatusCode)
        {
            return (true, null);
        }
        var problem = await response.ReadProblemAsync(cancellationToken);
        return (false, problem?.Detail ?? $"{failure} ({(int)response.StatusCode}).");
    }
}
