using System.Text.Json;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>Reads a JSON request body by hand, so malformed JSON is answered the way Google answers it, not with ProblemDetails.</summary>
public static class RbmBody
{
    public static async Task<(JsonDocument? Document, GoogleError? Error)> ReadAsync(HttpRequest request)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return (document, null);
        }
        catch (JsonException ex)
        {
            return (null, GoogleError.InvalidArgument($"Invalid JSON payload received. {ex.Message}"));
        }
    }
}
