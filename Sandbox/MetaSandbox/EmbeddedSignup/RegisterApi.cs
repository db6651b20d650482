using System.Text.Json;
using WhatsAppGenesys.MetaSandbox.GraphApi;
using WhatsAppGenesys.MetaSandbox.Model;
using static WhatsAppGenesys.MetaSandbox.GraphApi.JsonReading;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// POST /{version}/{phone-number-id}/register {"messaging_product":"whatsapp","pin":"123456"} with the business's
// token: registers the number for Cloud API and sets its two-step verification PIN; {"success":true}. The PIN must
// be a string of exactly six digits, else 100 Invalid parameter. Registering again succeeds.
public static class RegisterApi
{
    public static async Task<IResult> RegisterAsync(string phoneNumberId, HttpRequest request, [AsParameters] SignupServices services)
    {
        if (GraphAuth.Authorize(request, services.Businesses, phoneNumberId, out _) is { } authError)
        {
            return GraphErrorResponse.From(authError);
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return GraphErrorResponse.From(MetaErrors.InvalidParameter("The request body could not be parsed as JSON."));
        }
        using (document)
        {
            var root = document.RootElement;
            if (!TryString(root, "messaging_product", out var product) || product != "whatsapp")
            {
                return GraphErrorResponse.From(MetaErrors.InvalidParameter("Param messaging_product must be one of {WHATSAPP}."));
            }
            if (!TryString(root, "pin", out var pin))
            {
                return GraphErrorResponse.From(MetaErrors.InvalidParameter("The parameter pin is required."));
            }
            if (pin.Length != 6 || !pin.All(char.IsAsciiDigit))
            {
                return GraphErrorResponse.From(MetaErrors.InvalidParameter("Param pin must be a 6-digit number."));
            }
        }
        services.Records.Registered(phoneNumberId, services.Time.GetUtcNow());
        return Results.Json(new { success = true }, GraphJson.Options);
    }
}
