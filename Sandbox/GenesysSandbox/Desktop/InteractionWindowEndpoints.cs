using Microsoft.Extensions.Primitives;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OAuth;

namespace WhatsAppGenesys.GenesysSandbox.Desktop;

/// <summary>
/// <c>GET /sandbox/interaction-window?userId=&amp;conversationId=&amp;widget=</c> stands in for the Genesys Cloud
/// desktop's interaction window: it signs the agent in to the login host (the session cookie, as if they had logged in
/// to Genesys Cloud) and frames the agent widget with its URL template filled in, as an interaction widget
/// integration does. Inside the frame the widget's own sign-in then finds the session and needs no page.
/// </summary>
public static class InteractionWindowEndpoints
{
    public static IEndpointRouteBuilder MapInteractionWindowEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sandbox/interaction-window", Show).WithTags("Desktop")
            .WithSummary("Sign the user in to the login host and frame the widget URL template for the conversation (HTML).");
        return app;
    }

    private static IResult Show(HttpContext context, OrganizationDirectory directory, LoginSessionStore sessions)
    {
        var query = context.Request.Query;
        if (Single(query["userId"]) is not { } userId)
        {
            return InteractionWindowPage.Error("userId is required (once): the id of the agent to sign in.");
        }
        if (directory.FindUser(userId) is not { } user)
        {
            return InteractionWindowPage.Error($"Unknown user \"{userId}\".");
        }
        if (!user.IsActive)
        {
            return InteractionWindowPage.Error($"User \"{user.Name}\" is inactive and cannot sign in.");
        }
        if (Single(query["conversationId"]) is not { } conversationId)
        {
            return InteractionWindowPage.Error("conversationId is required (once): the conversation the window shows.");
        }
        if (Single(query["widget"]) is not { } template || !WidgetUrlTemplate.IsAbsoluteHttpUrl(template))
        {
            return InteractionWindowPage.Error("widget is required (once) and must be an absolute http or https URL template.");
        }

        LoginSessionCookie.Set(context, sessions.Start(user));
        // The origin the browser sees this page at: the widget talks back to its parent with it.
        var hostOrigin = $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}";
        return InteractionWindowPage.Show(user, directory.Find(user.OrganizationId), conversationId,
            WidgetUrlTemplate.Fill(template, conversationId, hostOrigin));
    }

    private static string? Single(StringValues values) => values is [{ Length: > 0 } value] ? value : null;
}
