namespace WhatsAppGenesys.GenesysSandbox.Http;

/// <summary>
/// Genesys answers every request with a correlation id header (<c>inin-correlation-id</c>; clients log it as
/// Genesys-Correlation-Id) and repeats it as the ErrorBody contextId. A caller-supplied ININ-Correlation-Id is echoed.
/// </summary>
public static class CorrelationId
{
    public const string IninHeader = "inin-correlation-id";
    public const string GenesysHeader = "Genesys-Correlation-Id";
    private const string ItemKey = "genesys.correlation-id";

    public static string Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is string id ? id : Assign(context);

    public static IApplicationBuilder UseGenesysCorrelationId(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            Assign(context);
            return next(context);
        });

    private static string Assign(HttpContext context)
    {
        var supplied = context.Request.Headers[IninHeader].ToString();
        var id = supplied.Length is > 0 and <= 64 && supplied.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? supplied
            : Guid.NewGuid().ToString();
        context.Items[ItemKey] = id;
        context.Response.Headers[IninHeader] = id;
        context.Response.Headers[GenesysHeader] = id;
        return id;
    }
}
