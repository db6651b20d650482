using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.MetaSandbox.Model;
using MetaError = WhatsAppGenesys.MetaSandbox.Model.MetaError;
using static WhatsAppGenesys.MetaSandbox.GraphApi.JsonReading;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// Checks the template of a send against the WABA's templates: unknown name or language, or not approved → 132001,
// paused → 132015, disabled → 132016, wrong number of parameters → 132000.
public sealed class TemplateSendValidator(TemplateStore store, TemplateSettings settings)
{
    // The template object has already passed MessageValidator (name and language.code are there).
    public MetaError? Check(string wabaId, JsonElement template)
    {
        var mode = settings.SendCheck;
        if (mode == TemplateSendCheck.Never || (mode == TemplateSendCheck.WhenWabaHasTemplates && !store.HasAny(wabaId)))
        {
            return null;
        }
        TryString(template, "name", out var name);
        TryString(template.GetProperty("language"), "code", out var language);
        if (store.Find(wabaId, name, language) is not { } stored)
        {
            return TemplateErrors.DoesNotExist(name, language);
        }
        return stored.Status switch
        {
            MetaTemplateStatus.Approved => TemplateParameterCounts.Check(stored.Definition, template),
            MetaTemplateStatus.Paused => TemplateErrors.Paused(name),
            MetaTemplateStatus.Disabled => TemplateErrors.Disabled(name),
            var status => TemplateErrors.NotApproved(name, language, status),
        };
    }
}
