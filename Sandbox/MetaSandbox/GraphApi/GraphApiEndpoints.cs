using WhatsAppGenesys.MetaSandbox.EmbeddedSignup;
using WhatsAppGenesys.MetaSandbox.Media;
using WhatsAppGenesys.MetaSandbox.Templates;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// The Graph paths the middleware calls, under any version segment ("v23.0", "v25.0", …), served at the root the way
// graph.facebook.com serves them; plus the media download path whose absolute URL we hand out, and the WhatsApp
// Business Management calls on a WABA's message templates and the onboarding calls around Embedded Signup.
public static class GraphApiEndpoints
{
    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder app)
    {
        var graph = app.MapGroup("/{version:regex(^v\\d+\\.\\d+$)}");
        graph.MapPost("/{phoneNumberId}/messages", MessagesApi.SendAsync);
        graph.MapPost("/{phoneNumberId}/media", MediaApi.UploadAsync).DisableAntiforgery();
        graph.MapGet("/{mediaId:regex(^\\d+$)}", MediaApi.Retrieve);
        graph.MapDelete("/{mediaId:regex(^\\d+$)}", MediaApi.Delete);
        graph.MapTemplatesApi();
        graph.MapEmbeddedSignupGraph();
        app.MapGet(MediaStore.DownloadPath, MediaApi.Download);
        return app;
    }
}
