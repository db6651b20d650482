using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

public static class GraphAuth
{
    // Graph takes the token as "Authorization: Bearer …" or as the access_token query parameter.
    public static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        var query = request.Query["access_token"].ToString();
        return query.Length > 0 ? query : null;
    }

    // Null when the token is the one of the business that owns the phone number; otherwise the error to answer.
    public static MetaError? Authorize(HttpRequest request, BusinessRegistry businesses, string phoneNumberId, out Business business)
    {
        var token = Token(request);
        business = businesses.FindByPhoneNumberId(phoneNumberId)!;
        if (business is null)
        {
            return businesses.IsKnownToken(token) ? MetaErrors.UnsupportedRequest("post", phoneNumberId) : MetaErrors.InvalidToken();
        }
        return BusinessRegistry.TokenMatches(business, token) ? null : MetaErrors.InvalidToken();
    }

    // The same rule for calls on a WhatsApp Business Account (message templates): the token must be the account's.
    public static MetaError? AuthorizeWaba(HttpRequest request, BusinessRegistry businesses, string wabaId, out Business business)
    {
        var token = Token(request);
        business = businesses.FindByWabaId(wabaId)!;
        if (business is null)
        {
            return businesses.IsKnownToken(token)
                ? MetaErrors.UnsupportedRequest(request.Method.ToLowerInvariant(), wabaId)
                : MetaErrors.InvalidToken();
        }
        return BusinessRegistry.TokenMatches(business, token) ? null : MetaErrors.InvalidToken();
    }
}
