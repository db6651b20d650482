using System.Text.Json;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Http;

/// <summary>
/// Reads a JSON request body by hand rather than through minimal-API binding, so malformed JSON is answered the way
/// Genesys answers it (ErrorBody bad.request) and not with ASP.NET's ProblemDetails.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context) where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, GenesysErrors.UnsupportedMediaType(context));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, SandboxJson.Options, context.RequestAborted);
            return value is null ? (null, GenesysErrors.BadRequest(context)) : (value, null);
        }
        catch (JsonException)
        {
            return (null, GenesysErrors.BadRequest(context));
        }
    }
}
