using System.Text.Json.Nodes;
using WhatsAppGenesys.RcsSandbox.Rbm;
using WhatsAppGenesys.RcsSandbox.Users;
using WhatsAppGenesys.RcsSandbox.Webhooks;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// Simulated users: make them write (a signed webhook to the agent), send receipts or typing, see what agents sent
/// them, and make their number reachable over RCS or not.
/// </summary>
public static class UsersControlApi
{
    public static RouteGroupBuilder MapUsersControlApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapPost("/users/{msisdn}/messages", SendMessageAsync);
        sandbox.MapPost("/users/{msisdn}/events", SendEventAsync);
        sandbox.MapGet("/users/{msisdn}/received", GetReceived);
        sandbox.MapGet("/users/{msisdn}/sent", GetSent);
        sandbox.MapGet("/users/{msisdn}", GetUser);
        sandbox.MapPut("/users/{msisdn}/capability", (string msisdn, CapabilityRequest request, [AsParameters] ControlServices services) =>
            SetCapability(msisdn, request.Capable, services));
        sandbox.MapDelete("/users/{msisdn}/capability", (string msisdn, [AsParameters] ControlServices services) =>
            SetCapability(msisdn, null, services));
        return sandbox;
    }

    // Goes out through the user's lane (after anything still queued for them); answers once the first attempt is back,
    // with what was posted and what our webhook said. A failed attempt is retried in the background.
    private static async Task<IResult> SendMessageAsync(string msisdn, UserMessageRequest request, HttpRequest http,
        [AsParameters] ControlServices services)
    {
        if (!Msisdn.IsE164(msisdn))
        {
            return ControlResults.BadRequest("The number must be E.164 with its '+', e.g. +15551234567.");
        }
        if (services.AgentOrDefault(request.AgentId) is not { } agent)
        {
            return ControlResults.NotFound($"Unknown agent {request.AgentId}.");
        }
        JsonObject message;
        string kind;
        string messageId;
        try
        {
            (message, kind, messageId) = services.Messages.Create(agent, msisdn, request, services.PublicBaseUrl(http));
        }
        catch (ControlRequestException ex)
        {
            return ControlResults.BadRequest(ex.Message);
        }
        var published = services.Publisher.Publish(agent, msisdn, message, kind, messageId, isMessage: true);
        return await DescribeAsync(published, services, new { messageId, agentId = agent.AgentId, kind });
    }

    private static async Task<IResult> SendEventAsync(string msisdn, UserEventRequest request, [AsParameters] ControlServices services)
    {
        if (services.AgentOrDefault(request.AgentId) is not { } agent)
        {
            return ControlResults.NotFound($"Unknown agent {request.AgentId}.");
        }
        var eventType = request.EventType?.ToUpperInvariant();
        if (eventType is not ("DELIVERED" or "READ" or "IS_TYPING"))
        {
            return ControlResults.BadRequest("eventType must be DELIVERED, READ or IS_TYPING.");
        }
        ReceivedMessage? about = null;
        if (eventType != "IS_TYPING")
        {
            about = services.Users.Find(msisdn)?.Received().LastOrDefault(m => m.MessageId == request.MessageId && m.AgentId == agent.AgentId);
            if (about is null)
            {
                return ControlResults.NotFound($"{msisdn} received no message {request.MessageId} from {agent.AgentId}.");
            }
        }
        var published = services.Receipts.Publish(agent, msisdn, eventType, about?.MessageId, about);
        return await DescribeAsync(published, services, new { agentId = agent.AgentId, eventType });
    }

    private static IResult GetReceived(string msisdn, string? agentId, [AsParameters] ControlServices services) =>
        Results.Json((services.Users.Find(msisdn)?.Received() ?? [])
            .Where(m => agentId is null || m.AgentId == agentId)
            .Select(m => new
            {
                messageId = m.MessageId,
                name = m.Name,
                agentId = m.AgentId,
                sendTime = Rfc3339.Format(m.SendTime),
                kind = m.ContentKind,
                contentMessage = m.ContentMessage,
                events = m.Events().Select(e => new { eventType = e.EventType, eventId = e.EventId, sendTime = Rfc3339.Format(e.SendTime) }),
            }));

    private static IResult GetSent(string msisdn, [AsParameters] ControlServices services) =>
        Results.Json((services.Users.Find(msisdn)?.Sent() ?? []).Select(s => new
        {
            id = s.Id,
            agentId = s.AgentId,
            kind = s.Kind,
            sentAt = Rfc3339.Format(s.SendTime),
            userEvent = JsonNode.Parse(s.EventJson),
        }));

    private static IResult GetUser(string msisdn, [AsParameters] ControlServices services)
    {
        var user = services.Users.Find(msisdn);
        return Results.Json(new
        {
            msisdn,
            capable = services.Users.IsCapable(msisdn),
            capabilitySource = services.Users.CapabilitySource(msisdn),
            received = user?.Received().Count ?? 0,
            sent = user?.Sent().Count ?? 0,
            agentEvents = (user?.AgentEvents() ?? []).Select(e => new
            {
                agentId = e.AgentId,
                eventId = e.EventId,
                eventType = e.EventType,
                messageId = e.MessageId,
                sendTime = Rfc3339.Format(e.SendTime),
            }),
        });
    }

    private static IResult SetCapability(string msisdn, bool? capable, ControlServices services)
    {
        if (!Msisdn.IsE164(msisdn))
        {
            return ControlResults.BadRequest("The number must be E.164 with its '+', e.g. +15551234567.");
        }
        services.Users.GetOrCreate(msisdn).CapableOverride = capable;
        return Results.Json(new { msisdn, capable = services.Users.IsCapable(msisdn), capabilitySource = services.Users.CapabilitySource(msisdn) });
    }

    /// <summary>What was posted and what the webhook answered; 202 when the first attempt is still waiting in the lane.</summary>
    public static async Task<IResult> DescribeAsync(PublishedEvent published, ControlServices services, object what)
    {
        WebhookAttempt? attempt = null;
        if (published.FirstAttempt is { } first)
        {
            var waited = await Task.WhenAny(first, Task.Delay(services.Dispatcher.AttemptTimeout + TimeSpan.FromSeconds(2)));
            attempt = waited == first ? await first : null;
        }
        var body = new
        {
            sent = what,
            webhookUrl = published.WebhookUrl,
            format = published.Payload.Format,
            userEvent = JsonNode.Parse(published.Payload.UserEvent),
            body = published.Payload.BodyText,
            signature = published.Payload.Signature,
            webhook = attempt is null ? null : new
            {
                status = attempt.Status,
                acknowledged = attempt.Acknowledged,
                error = attempt.Error,
                responseBody = attempt.ResponseBody,
            },
            queued = published.FirstAttempt is not null && attempt is null,
        };
        return published.FirstAttempt is not null && attempt is null ? Results.Accepted(value: body) : Results.Json(body);
    }
}
