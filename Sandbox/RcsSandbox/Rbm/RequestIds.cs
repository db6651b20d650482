using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>
/// The ids an agent assigns in the query string (messageId, eventId, requestId): required, and a UUID as RFC 4122
/// writes it, as the RBM reference demands.
/// </summary>
public static class RequestIds
{
    public static GoogleError? Check(HttpRequest request, string name, out string id)
    {
        id = request.Query[name].ToString();
        if (id.Length == 0)
        {
            return GoogleError.InvalidArgument($"Required parameter '{name}' is missing.", name);
        }
        return Guid.TryParseExact(id, "D", out _)
            ? null
            : GoogleError.InvalidArgument($"'{name}' must be a UUID as defined in RFC 4122, got \"{id}\".", name);
    }

    public static GoogleError? CheckPhone(string msisdn) =>
        Msisdn.IsE164(msisdn)
            ? null
            : GoogleError.InvalidArgument($"'parent' must be phones/{{E.164}}, e.g. phones/+12223334444; got phones/{msisdn}.", "parent");
}
