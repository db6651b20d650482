using System.Text;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Desktop;

/// <summary>
/// The interaction window's page: a header saying who is signed in and which conversation is open, the conversation's
/// place on the left and the widget's frame in a side panel on the right, about as wide as Genesys Cloud gives an
/// interaction widget. No Content-Security-Policy and no X-Frame-Options: nothing here may stop the widget from being framed.
/// </summary>
public static class InteractionWindowPage
{
    public const string Title = "Genesys Cloud – interaction (sandbox)";

    private const string Style = """
        <style>
        body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d1f23; margin: 0; }
        header { background: #fff; border-bottom: 1px solid #e3e5e8; padding: .6rem 1.2rem; }
        h1 { font-size: 1.1rem; margin: 0 0 .2rem; }
        header p { margin: 0; color: #555; font-size: .9rem; }
        main { display: grid; grid-template-columns: minmax(0, 1fr) 480px; gap: 1rem; padding: 1rem 1.2rem; }
        .interaction { border: 1px dashed #c9ccd1; border-radius: 6px; padding: 1rem; color: #555; font-size: .9rem; }
        iframe { display: block; width: 100%; height: calc(100vh - 6rem); min-height: 560px; border: 1px solid #c9ccd1;
                 border-radius: 6px; background: #fff; }
        .error { color: #a4262c; }
        </style>
        """;

    /// <summary>200: the agent's interaction with the widget framed at <paramref name="widgetUrl"/> (already filled in).</summary>
    public static IResult Show(DirectoryUser user, Organization? organization, string conversationId, string widgetUrl)
    {
        var body = new StringBuilder();
        body.Append("<header>\n<h1>").Append(H(Title)).Append("</h1>\n");
        body.Append("<p>Agent <strong id=\"agent\">").Append(H(user.Name)).Append("</strong> (").Append(H(user.Email)).Append(')');
        if (organization is not null)
        {
            body.Append(" of <span id=\"organization\">").Append(H(organization.Name)).Append("</span>");
        }
        body.Append(" · conversation <code id=\"conversation-id\">").Append(H(conversationId)).Append("</code></p>\n</header>\n");
        body.Append("<main>\n<section class=\"interaction\">The conversation's messages and the agent's reply box would be here.</section>\n")
            .Append("<aside>\n<iframe id=\"interaction-widget\" title=\"Agent widget\" src=\"").Append(H(widgetUrl))
            .Append("\"></iframe>\n</aside>\n</main>\n");
        return Page(StatusCodes.Status200OK, body.ToString());
    }

    /// <summary>400: the window cannot be opened; nobody is signed in.</summary>
    public static IResult Error(string message) => Page(StatusCodes.Status400BadRequest,
        $"<header>\n<h1>{H(Title)}</h1>\n</header>\n<main>\n<p class=\"error\" id=\"error\">{H(message)}</p>\n</main>\n");

    private static string H(string value) => HtmlPage.Encode(value);

    private static HtmlPage Page(int status, string body) => new(status, HtmlPage.Document(Title, Style, body), denyFraming: false);
}
