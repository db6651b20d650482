using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.MetaSandbox.Model;
using MetaError = WhatsAppGenesys.MetaSandbox.Model.MetaError;
using static WhatsAppGenesys.MetaSandbox.GraphApi.JsonReading;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// 132000 when a send gives a different number of parameters than the template has placeholders: the body, the header
// (one for a text placeholder or a media/location header) and each URL button whose url ends in a placeholder.
public static class TemplateParameterCounts
{
    public static MetaError? Check(MetaCreateTemplateRequest definition, JsonElement template)
    {
        var sent = SentComponents(template);
        foreach (var component in definition.Components)
        {
            var error = component.Type switch
            {
                MetaTemplateComponentType.Body => Compare("body", Count(sent, "body"), Expected(component.Text)),
                MetaTemplateComponentType.Header => Compare("header", Count(sent, "header"), ExpectedHeader(component)),
                MetaTemplateComponentType.Buttons => CheckButtons(component, sent),
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }

    private static MetaError? CheckButtons(MetaTemplateDefinitionComponent component, IReadOnlyList<JsonElement> sent)
    {
        for (var index = 0; index < (component.Buttons?.Count ?? 0); index++)
        {
            var button = component.Buttons![index];
            if (button.Type != "URL" || Expected(button.Url) == 0)
            {
                continue;
            }
            var given = sent.Where(c => ComponentType(c) == "button" && Index(c) == index).Sum(c => Parameters(c));
            if (Compare($"button at index {index}", given, 1) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private static MetaError? Compare(string component, int sent, int expected) =>
        sent == expected ? null : TemplateErrors.ParameterCountMismatch(component, sent, expected);

    private static int Expected(string? text) => TemplatePlaceholders.In(text).Distinct().Count();

    private static int ExpectedHeader(MetaTemplateDefinitionComponent header) =>
        header.Format == "TEXT" ? Expected(header.Text) : 1;

    private static int Count(IReadOnlyList<JsonElement> sent, string type) => sent.Where(c => ComponentType(c) == type).Sum(c => Parameters(c));

    private static IReadOnlyList<JsonElement> SentComponents(JsonElement template) =>
        template.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array
            ? [.. components.EnumerateArray()]
            : [];

    private static string ComponentType(JsonElement component) =>
        TryString(component, "type", out var type) ? type.ToLowerInvariant() : "";

    // Meta takes the button index as a number or as a string.
    private static int Index(JsonElement component) =>
        component.TryGetProperty("index", out var index) && TryNumber(index, out var value) ? (int)value : -1;

    private static int Parameters(JsonElement component) =>
        component.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array
            ? parameters.GetArrayLength()
            : 0;
}
