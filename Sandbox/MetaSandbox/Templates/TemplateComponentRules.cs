using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.MetaSandbox.Model;
using MetaError = WhatsAppGenesys.MetaSandbox.Model.MetaError;

namespace WhatsAppGenesys.MetaSandbox.Templates;

// Per-component rules of a template definition: text lengths (body 1024, header and footer 60, button text 25),
// placeholders numbered {{1}}…{{n}} (or named) with the example values Meta requires for them, and buttons.
public static class TemplateComponentRules
{
    private static readonly string[] HeaderFormats = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"];
    private static readonly string[] ButtonTypes =
        ["QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", "FLOW", "CATALOG", "MPM", "VOICE_CALL"];

    public static MetaError? Check(MetaTemplateDefinitionComponent component, bool named) => component.Type switch
    {
        MetaTemplateComponentType.Header => CheckHeader(component, named),
        MetaTemplateComponentType.Body => CheckBody(component, named),
        MetaTemplateComponentType.Footer => CheckFooter(component),
        _ => CheckButtons(component),
    };

    private static MetaError? CheckBody(MetaTemplateDefinitionComponent body, bool named)
    {
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > 1024)
        {
            return TemplateErrors.InvalidParameter("Param components[BODY]['text'] must be 1 to 1024 characters long.");
        }
        var placeholders = TemplatePlaceholders.In(body.Text);
        if (placeholders.Count == 0)
        {
            return null;
        }
        if (CheckNumbering("BODY", placeholders, named) is { } numbering)
        {
            return numbering;
        }
        if (TemplatePlaceholders.AtEdge(body.Text))
        {
            return TemplateErrors.VariableAtEdge();
        }
        return named
            ? CheckNamedExamples("BODY", placeholders, body.Example?.BodyTextNamedParams)
            : CheckPositionalExamples("BODY", placeholders.Count, body.Example?.BodyText?.FirstOrDefault());
    }

    private static MetaError? CheckHeader(MetaTemplateDefinitionComponent header, bool named)
    {
        if (header.Format is null || !HeaderFormats.Contains(header.Format))
        {
            return TemplateErrors.InvalidParameter("Param components[HEADER]['format'] must be one of {TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION}.");
        }
        if (header.Format is "IMAGE" or "VIDEO" or "DOCUMENT")
        {
            return header.Example?.HeaderHandle is { Count: > 0 } ? null : TemplateErrors.MissingExample("HEADER");
        }
        if (header.Format != "TEXT")
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(header.Text) || header.Text.Length > 60)
        {
            return TemplateErrors.InvalidParameter("Param components[HEADER]['text'] must be 1 to 60 characters long.");
        }
        var placeholders = TemplatePlaceholders.In(header.Text);
        if (placeholders.Count == 0)
        {
            return null;
        }
        if (placeholders.Count > 1)
        {
            return TemplateErrors.InvalidParameter("A text HEADER may have at most one placeholder.");
        }
        return CheckNumbering("HEADER", placeholders, named) ?? (named
            ? CheckNamedExamples("HEADER", placeholders, header.Example?.HeaderTextNamedParams)
            : CheckPositionalExamples("HEADER", 1, header.Example?.HeaderText));
    }

    private static MetaError? CheckFooter(MetaTemplateDefinitionComponent footer)
    {
        if (string.IsNullOrWhiteSpace(footer.Text) || footer.Text.Length > 60)
        {
            return TemplateErrors.InvalidParameter("Param components[FOOTER]['text'] must be 1 to 60 characters long.");
        }
        return TemplatePlaceholders.In(footer.Text).Count == 0 ? null : TemplateErrors.InvalidParameter("A FOOTER cannot have placeholders.");
    }

    private static MetaError? CheckButtons(MetaTemplateDefinitionComponent component)
    {
        if (component.Buttons is not { Count: > 0 and <= 10 } buttons)
        {
            return TemplateErrors.InvalidParameter("Param components[BUTTONS]['buttons'] must hold 1 to 10 buttons.");
        }
        foreach (var button in buttons)
        {
            if (!ButtonTypes.Contains(button.Type))
            {
                return TemplateErrors.InvalidParameter($"Param buttons[]['type'] must be one of {{{string.Join(", ", ButtonTypes)}}} - got \"{button.Type}\".");
            }
            if (button.Type != "OTP" && (string.IsNullOrWhiteSpace(button.Text) || button.Text.Length > 25))
            {
                return TemplateErrors.InvalidParameter("Param buttons[]['text'] must be 1 to 25 characters long.");
            }
            if (button.Type == "URL" && string.IsNullOrWhiteSpace(button.Url))
            {
                return TemplateErrors.InvalidParameter("A URL button needs a url.");
            }
            if (button.Type == "URL" && TemplatePlaceholders.In(button.Url).Count > 0 && button.Example is not { Count: > 0 })
            {
                return TemplateErrors.MissingExample("BUTTONS");
            }
            if (button.Type == "PHONE_NUMBER" && string.IsNullOrWhiteSpace(button.PhoneNumber))
            {
                return TemplateErrors.InvalidParameter("A PHONE_NUMBER button needs a phone_number.");
            }
        }
        return null;
    }

    private static MetaError? CheckNumbering(string component, IReadOnlyList<string> placeholders, bool named) =>
        (named ? TemplatePlaceholders.AreNamed(placeholders) : TemplatePlaceholders.ArePositional(placeholders))
            ? null
            : TemplateErrors.InvalidParameter(named
                ? $"The {component} placeholders must be lower-case names such as {{{{order_id}}}}."
                : $"The {component} placeholders must be numbered {{{{1}}}}, {{{{2}}}}… in sequence, without gaps.");

    private static MetaError? CheckPositionalExamples(string component, int expected, IReadOnlyList<string>? values) =>
        values is null || values.Count == 0
            ? TemplateErrors.MissingExample(component)
            : values.Count == expected
                ? null
                : TemplateErrors.InvalidParameter($"The {component} has {expected} placeholder(s) but its example gives {values.Count} value(s).");

    private static MetaError? CheckNamedExamples(string component, IReadOnlyList<string> names, IReadOnlyList<MetaTemplateNamedExample>? examples)
    {
        if (examples is null || examples.Count == 0)
        {
            return TemplateErrors.MissingExample(component);
        }
        var missing = names.FirstOrDefault(n => examples.All(e => e.ParamName != n));
        return missing is null ? null : TemplateErrors.InvalidParameter($"The {component} example gives no value for {{{{{missing}}}}}.");
    }
}
