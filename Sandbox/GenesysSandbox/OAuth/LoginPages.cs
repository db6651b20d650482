using System.Text;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>
/// The login host's pages: the user picker that stands in for Genesys's sign-in form, and the page for a request that
/// cannot be sent back to its client. Plain HTML, no script; every value is HTML-encoded.
/// </summary>
public static class LoginPages
{
    public const string Title = "Genesys Cloud sign in (sandbox)";

    private const string Style = """
        <style>
        body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d1f23; margin: 0; }
        main { max-width: 34rem; margin: 3rem auto; background: #fff; border-radius: 8px; padding: 1.5rem 2rem;
               box-shadow: 0 1px 4px rgba(0,0,0,.12); }
        h1 { font-size: 1.3rem; margin-top: 0; }
        h2 { font-size: 1rem; color: #555; border-bottom: 1px solid #e3e5e8; padding-bottom: .3rem; margin-top: 1.5rem; }
        .hint { color: #666; font-size: .9rem; }
        ul { list-style: none; padding: 0; margin: 0; }
        li { margin: .4rem 0; }
        button { width: 100%; text-align: left; padding: .6rem .8rem; border: 1px solid #c9ccd1; border-radius: 6px;
                 background: #fafbfc; font: inherit; cursor: pointer; }
        button:hover { background: #eaf2ff; border-color: #3b7ddd; }
        .error { color: #a4262c; }
        </style>
        """;

    /// <summary>200: the active users of every organization, grouped by organization, each a submit button.</summary>
    public static IResult SignIn(string clientId, IEnumerable<KeyValuePair<string, string>> hidden,
        IReadOnlyList<(Organization Organization, IReadOnlyList<DirectoryUser> Users)> groups)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(H(Title)).Append("</h1>\n");
        body.Append("<p class=\"hint\">Sign in to <strong>").Append(H(clientId)).Append("</strong> as one of these users.</p>\n");
        if (groups.Count == 0)
        {
            body.Append("<p id=\"no-users\">There is no active user in any organization. " +
                "Add one with <code>PUT /sandbox/organizations/{orgId}/users/{userId}</code>.</p>\n");
        }
        else
        {
            body.Append("<form method=\"post\" action=\"/oauth/authorize\">\n");
            foreach (var (name, value) in hidden)
            {
                body.Append("<input type=\"hidden\" name=\"").Append(H(name)).Append("\" value=\"").Append(H(value)).Append("\">\n");
            }
            foreach (var (organization, users) in groups)
            {
                body.Append("<section>\n<h2>").Append(H(organization.Name)).Append("</h2>\n<ul>\n");
                foreach (var user in users)
                {
                    body.Append("<li><button type=\"submit\" name=\"userId\" value=\"").Append(H(user.Id)).Append("\">")
                        .Append(H(user.Name)).Append(" (").Append(H(user.Email)).Append(")</button></li>\n");
                }
                body.Append("</ul>\n</section>\n");
            }
            body.Append("</form>\n");
        }
        return Page(StatusCodes.Status200OK, body.ToString());
    }

    /// <summary>400: the request is refused and, because the redirect URI cannot be trusted or is not needed, not redirected.</summary>
    public static IResult Error(string message) =>
        Page(StatusCodes.Status400BadRequest, $"<h1>{H(Title)}</h1>\n<p class=\"error\" id=\"error\">{H(message)}</p>\n");

    private static string H(string value) => HtmlPage.Encode(value);

    // A real sign-in form is never framed: a framed one could be click-jacked.
    private static HtmlPage Page(int status, string body) =>
        new(status, HtmlPage.Document(Title, Style, $"<main>\n{body}</main>\n"), denyFraming: true);
}
