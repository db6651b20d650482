using System.Text.Json.Nodes;
using WhatsAppGenesys.RcsSandbox.Rbm.Validation;
using WhatsAppGenesys.RcsSandbox.Users;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>
/// <c>POST /v1/phones/{msisdn}/agentEvents?eventId={uuid}&amp;agentId={agentId}</c> (phones.agentEvents.create): the
/// agent tells the user it is typing (IS_TYPING) or has read one of their messages (READ, with messageId). The event
/// id shares the agent's id space with message ids (409 on reuse); an unreachable number is 404.
/// </summary>
public static class AgentEventsApi
{
    public static async Task<IResult> CreateAsync(string msisdn, HttpRequest request, [AsParameters] RbmServices services)
    {
        if (RbmAuth.Authorize(request, services.Tokens, services.Agents, out var agent, out var tokenPresented) is { } authError)
        {
            return services.Reject(authError, tokenPresented);
        }
        if (RequestIds.CheckPhone(msisdn) is { } phoneError)
        {
            return services.Reject(phoneError);
        }
        if (RequestIds.Check(request, "eventId", out var eventId) is { } idError)
        {
            return services.Reject(idError);
        }
        var (document, parseError) = await RbmBody.ReadAsync(request);
        if (parseError is not null)
        {
            return services.Reject(parseError);
        }
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return services.Reject(GoogleError.InvalidArgument("Invalid JSON payload received. Expected an object at the top level.", "agent_event"));
            }
            var body = new ProtoReader(root, "agent_event");
            body.OnlyKnown("name", "sendTime", "eventType", "messageId");
            var eventType = body.Enum("eventType", "EventType", "IS_TYPING", "READ");
            var messageId = body.String("messageId");
            body.Require("eventType", eventType);
            if (eventType == "READ")
            {
                body.Require("messageId", messageId);
            }
            if (body.Error is { } invalid)
            {
                return services.Reject(invalid);
            }
            if (!services.Users.IsCapable(msisdn))
            {
                return services.Reject(GoogleError.NotFound());
            }
            if (!services.Ledger.TryClaim(agent!.AgentId, eventId))
            {
                return services.Reject(GoogleError.AlreadyExists());
            }
            var now = services.Time.GetUtcNow();
            services.Users.GetOrCreate(msisdn).AddAgentEvent(new AgentEventRecord(agent.AgentId, eventId, eventType!, messageId, now),
                services.Users.MaxMessagesPerUser);
            var resource = new JsonObject
            {
                ["name"] = $"phones/{msisdn}/agentEvents/{eventId}",
                ["eventType"] = eventType,
                ["sendTime"] = Rfc3339.Format(now),
            };
            if (messageId is not null)
            {
                resource["messageId"] = messageId;
            }
            return Results.Json(resource, RbmJson.Options);
        }
    }
}
