using System.Text.Json;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.History;
using WhatsAppGenesys.PortalService.Templates;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// An agent's approved template from the portal: what WhatsApp delivers outside its 24-hour window. Genesys Open
/// Messaging carries only text (its agentless API included), so a template goes straight to the WhatsApp API service,
/// as a campaign's does: sent once per idempotency key, ledgered so Meta's statuses come back as ticks, and stored in
/// the conversation's history under the agent's name, which pushes it to every agent's page. It does not appear in the
/// Genesys transcript (docs/agents.md, "Templates").
/// </summary>
public static class AgentTemplateApi
{
    public static IEndpointRouteBuilder MapAgentTemplateApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agent/conversations/{conversationId:guid}/templates")
            .RequireAuthorization(AgentSessionAuthentication.Policy)
            .WithTags("Agent conversations");
        group.MapGet("", ListAsync)
            .WithSummary("The approved templates the agent can send into the conversation, prefilled from the customer's contact")
            .Produces<AgentTemplateOptions>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", SendAsync)
            .WithSummary("Send an approved template to the customer (the only message WhatsApp delivers outside its 24-hour window)")
            .Produces<AgentTemplateAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    private static async Task<IResult> ListAsync(Guid conversationId, HttpContext http, StateManagerClient state, ContactStore contacts,
        TemplateStore templates, CancellationToken ct)
    {
        var agent = http.Agent();
        if (await state.FindConversationAsync(agent.TenantId, conversationId.ToString(), ct) is not { } conversation)
        {
            return NoSuchConversation();
        }
        var contact = await AgentReplyPlan.ContactOfAsync(contacts, conversation, ct);
        var approved = await templates.ListAsync(agent.TenantId, MetaTemplateStatus.Approved, language: null, name: null, ct);
        var choices = approved
            .Select(t => AgentTemplateForms.Choice(t, contact))
            .OfType<AgentTemplateChoice>()
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Language, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(new AgentTemplateOptions(conversationId, contact?.Name, choices));
    }

    private static async Task<IResult> SendAsync(Guid conversationId, AgentTemplateSendRequest send, HttpContext http, StateManagerClient state,
        ContactStore contacts, TemplateStore templates, TemplateValidator validator, WhatsAppApiClient whatsapp, DirectSendTracking tracking,
        TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var agent = http.Agent();
        if (send.ClientMessageId is not { Length: > 0 and <= 100 })
        {
            return Problem(StatusCodes.Status400BadRequest, "A clientMessageId is required",
                "Give each send its own id (at most 100 characters), and the same id when retrying it.");
        }
        if (await state.FindConversationAsync(agent.TenantId, conversationId.ToString(), ct) is not { } conversation)
        {
            return NoSuchConversation();
        }
        if (conversation.PhoneNumberId is not { Length: > 0 } phoneNumberId
            || AgentReplyPlan.AddressOf(conversation) is not { Length: > 0 } address)
        {
            return Problem(StatusCodes.Status409Conflict, "No address", "The conversation has no customer address or business number to send from.");
        }
        var contact = await AgentReplyPlan.ContactOfAsync(contacts, conversation, ct);
        var template = await templates.FindAsync(agent.TenantId, send.Name ?? "", send.Language ?? "", ct);
        if (template is null || template.Status != MetaTemplateStatus.Approved)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not an approved template",
                $"'{send.Name}' in {send.Language} is not an approved template of this workspace.");
        }
        if (template.Category == MetaTemplateCategory.Marketing && contact?.ConsentStatus == ConsentStatus.OptedOut)
        {
            return Problem(StatusCodes.Status409Conflict, "Opted out of marketing",
                "The customer opted out of marketing messages; send a utility template or wait for them to write.");
        }
        if (AgentTemplateForms.Choice(template, contact) is not { } form)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not sendable from the portal",
                "This template needs a file or a link the composer does not collect; send it from a campaign.");
        }
        var values = (send.Values ?? []).Where(v => v?.Component is not null && v.Name is not null)
            .Select(v => v with { Value = v.Value?.Trim() ?? "" }).ToList();
        var named = TemplateRules.IsNamed(template.ParameterFormat);
        var (components, missing) = AgentTemplateForms.Components(form, values, named);
        if (components is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "A field is empty", $"Fill in {missing}.");
        }
        var errors = await validator.ValidateAsync(agent.TenantId, template.Name, template.Language, components, ct);
        if (errors.Count > 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "The template does not fit", string.Join(" ", errors.SelectMany(e => e.Value)));
        }

        var to = DirectSendAddress.From(address);
        var body = to.Template(template.Name, template.Language, components);
        // Keyed by agent and page id: a repeated send is answered with the first wamid, never sent twice.
        var sent = await whatsapp.SendAsync(agent.TenantId, new WhatsAppSendRequest($"agent-template:{agent.Id}:{send.ClientMessageId}",
            JsonSerializer.SerializeToElement(body, MetaJson.Options), phoneNumberId), ct);
        if (sent.Result is not { } result)
        {
            return Problem(StatusCodes.Status502BadGateway, "Not sent", $"WhatsApp did not take the template: {sent.Error!.Message}");
        }
        var bodyValues = form.Fields.Where(f => f.Component == AgentTemplateForms.Body)
            .Select(f => values.First(v => v.Component.Equals(f.Component, StringComparison.OrdinalIgnoreCase) && v.Name == f.Name).Value)
            .ToList();
        // The text the customer reads is kept with the template, so the history shows and finds it.
        await tracking.TrackAsync(agent.TenantId, to, result.Wamid, phoneNumberId,
            new SentContent(MetaSendTypes.Template, AgentTemplateForms.Render(form.BodyText, AgentTemplateForms.Body, values),
                Template: new HistoryTemplate(template.Name, template.Language, bodyValues)), new DirectSendTracking.Sender(agent.GenesysUserId, agent.Name), time.GetUtcNow(), ct);
        loggers.CreateLogger(typeof(AgentTemplateApi)).LogInformation(
            "Agent {AgentId} sent template {Template} ({Language}) in conversation {ConversationId} as {Wamid}",
            agent.Id, template.Name, template.Language, conversationId, result.Wamid);
        return Results.Accepted(value: new AgentTemplateAccepted(conversationId, result.Wamid));
    }

    private static IResult NoSuchConversation() =>
        Problem(StatusCodes.Status404NotFound, "No such conversation", "This workspace has no conversation with that id.");

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
