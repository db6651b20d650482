using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// Changes a template's status and tells the business: a message_template_status_update webhook, signed and retried
// like every other webhook, on one lane per WABA so a template's changes arrive in the order they happened.
public sealed class TemplateStatusNotifier(BusinessRegistry businesses, WebhookDispatcher dispatcher, TimeProvider time)
{
    public const string NoReason = "NONE";

    // False when the template was not in the expected status (or already had this one): nothing is sent then.
    public bool ChangeStatus(StoredTemplate template, string status, string? reason, string? expected = null)
    {
        var effectiveReason = reason ?? NoReason;
        if (!template.TryChangeStatus(status, effectiveReason, expected))
        {
            return false;
        }
        if (businesses.FindByWabaId(template.WabaId) is not { } business)
        {
            return true;
        }
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var value = new MetaTemplateStatusUpdate
        {
            Event = status,
            MessageTemplateId = template.Id,
            MessageTemplateName = template.Name,
            MessageTemplateLanguage = template.Language,
            Reason = effectiveReason,
            MessageTemplateCategory = template.Definition.Category,
            DisableInfo = status == MetaTemplateStatus.Disabled ? new MetaTemplateDisableInfo { DisableDate = now } : null,
        };
        var webhook = new MetaAccountWebhook<MetaTemplateStatusUpdate>
        {
            Entry =
            [
                new MetaAccountWebhookEntry<MetaTemplateStatusUpdate>
                {
                    Id = template.WabaId,
                    Time = now,
                    Changes = [new MetaAccountWebhookChange<MetaTemplateStatusUpdate> { Field = MetaTemplateStatusUpdate.Field, Value = value }],
                },
            ],
        };
        dispatcher.Enqueue($"templates|{template.WabaId}", business, WebhookJson.Serialize(webhook));
        return true;
    }
}
