using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Files;

/// <summary><c>GET /files/{id}</c>: the bytes of a file a user sent, with its content type and name.</summary>
public static class FileEndpoints
{
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(FileStore.PathPrefix + "{id}", (string id, FileStore files) => files.Find(id) is { } file
            ? Results.File(file.Content, file.MimeType, file.FileName)
            : GoogleError.NotFound("No such file.").ToResult());
        return app;
    }
}
