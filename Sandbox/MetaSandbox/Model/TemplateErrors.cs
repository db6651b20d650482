namespace WhatsAppGenesys.MetaSandbox.Model;

// Template errors as Meta answers them: 132xxx when a template message is sent, code 100 with a 2388xxx subcode and
// user-facing texts when a template is created through the WhatsApp Business Management API.
public static class TemplateErrors
{
    public static MetaError DoesNotExist(string name, string language) => new(132001,
        "Template name does not exist in the translation",
        $"template name ({name}) does not exist in {language}");

    public static MetaError NotApproved(string name, string language, string status) => new(132001,
        "Template name does not exist in the translation",
        $"template name ({name}) in {language} is {status}, not approved, and cannot be sent");

    public static MetaError Paused(string name) => new(132015, "Template is Paused",
        $"Template {name} is paused due to low quality so it cannot be sent in a template message.");

    public static MetaError Disabled(string name) => new(132016, "Template is Disabled",
        $"Template {name} has been paused too many times due to low quality and is now permanently disabled.");

    public static MetaError ParameterCountMismatch(string component, int sent, int expected) => new(132000,
        "Number of parameters does not match the expected number of params",
        $"{component}: number of localizable_params ({sent}) does not match the expected number of params ({expected})");

    public static MetaError InvalidName() => Create(2388046, "Name Format is Incorrect",
        "The message template name can only have lowercase letters, numbers and underscores.");

    public static MetaError AlreadyExists(string language) => Create(2388024, "Content in This Language Already Exists",
        $"There is already {language} content for this template. You can create a new template and try again.");

    public static MetaError MissingExample(string componentType) => Create(2388043,
        "Message template \"components\" param is missing expected field(s)",
        $"component of type {componentType} is missing expected field(s) (example)");

    public static MetaError VariableAtEdge() => Create(2388299, "Variables can't be at the start or end of the template",
        "Variables can't be at the start or end of the template.");

    // A malformed request without a documented subcode of its own.
    public static MetaError InvalidParameter(string details) => MetaErrors.InvalidParameter(details) with
    {
        UserTitle = "Invalid parameter",
        UserMessage = details,
    };

    private static MetaError Create(int subcode, string userTitle, string userMessage) =>
        new(100, "Invalid parameter", userMessage, 400, "OAuthException", subcode, userTitle, userMessage);
}
