using System.Net;
using System.Text;

namespace WhatsAppGenesys.GenesysSandbox.Http;

/// <summary>
/// A page of the simulator's own HTML (the login host's pages, the interaction window): plain HTML, no script, every
/// value HTML-encoded by the caller with <see cref="Encode"/>. Never cached, because these pages show who is signed in.
/// </summary>
public sealed class HtmlPage(int status, string html, bool denyFraming) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public static string Encode(string value) => WebUtility.HtmlEncode(value);

    /// <summary>A whole document: <paramref name="title"/> (encoded here), a <c>&lt;style&gt;</c> block and the body's markup.</summary>
    public static string Document(string title, string style, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title>
        {style}
        </head>
        <body>
        {body}</body>
        </html>

        """;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        httpContext.Response.Headers.CacheControl = "no-store";
        if (denyFraming)
        {
            httpContext.Response.Headers.XFrameOptions = "DENY";
        }
        return httpContext.Response.WriteAsync(html, Encoding.UTF8, httpContext.RequestAborted);
    }
}
