using System.Globalization;
using System.Text.Json.Serialization;
using WhatsAppGenesys.MetaSandbox.GraphApi;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Media;

// Meta's Media API: upload, retrieve URL, delete, and the lookaside-style download that needs
// the same Bearer token and stops working 5 minutes after the URL was issued.
public static class MediaApi
{
    public static async Task<IResult> UploadAsync(string phoneNumberId, HttpRequest request, [AsParameters] GraphServices services)
    {
        if (GraphAuth.Authorize(request, services.Businesses, phoneNumberId, out _) is { } authError)
        {
            return GraphErrorResponse.From(authError);
        }
        if (!request.HasFormContentType)
        {
            return GraphErrorResponse.From(MetaErrors.InvalidParameter("The upload must be multipart/form-data."));
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form["messaging_product"].ToString() is var product && product != "whatsapp")
        {
            return GraphErrorResponse.From(product.Length == 0
                ? MetaErrors.InvalidParameter("The parameter messaging_product is required.")
                : MetaErrors.InvalidParameter($"Param messaging_product must be one of {{WHATSAPP}} - got \"{product}\"."));
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return GraphErrorResponse.From(MetaErrors.InvalidParameter("The parameter file is required."));
        }
        if (file.Length > services.Options.Value.Media.MaxUploadBytes)
        {
            return GraphErrorResponse.From(MetaErrors.MediaUpload("Media file size too big."));
        }
        var mimeType = form["type"].ToString() is { Length: > 0 } type ? type : file.ContentType;
        if (string.IsNullOrWhiteSpace(mimeType))
        {
            return GraphErrorResponse.From(MetaErrors.InvalidParameter("The parameter type is required."));
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, request.HttpContext.RequestAborted);
        var media = services.Media.Add(phoneNumberId, mimeType, content.ToArray(), file.FileName, MediaStore.UploadLifetime);
        return Results.Json(new MediaUploaded(media.Id), GraphJson.Options);
    }

    public static IResult Retrieve(string mediaId, HttpRequest request, [AsParameters] GraphServices services)
    {
        if (FindOwned(mediaId, request, services, "get", out var media) is { } error)
        {
            return GraphErrorResponse.From(error);
        }
        var url = services.Media.DownloadUrl(PublicBaseUrl(request, services), media!);
        return Results.Json(new MediaUrlResponse("whatsapp", url, media!.MimeType, media.Sha256,
            media.Content.LongLength.ToString(CultureInfo.InvariantCulture), media.Id), GraphJson.Options);
    }

    public static IResult Delete(string mediaId, HttpRequest request, [AsParameters] GraphServices services)
    {
        if (FindOwned(mediaId, request, services, "delete", out var media) is { } error)
        {
            return GraphErrorResponse.From(error);
        }
        services.Media.Remove(media!.Id);
        return Results.Json(new SuccessResponse(true), GraphJson.Options);
    }

    // GET /whatsapp_business/attachments/?mid=…&ext=…&hash=… with the owner's Bearer token.
    public static IResult Download(HttpRequest request, [AsParameters] GraphServices services)
    {
        var check = services.Media.CheckDownload(request.Query["mid"], request.Query["ext"], request.Query["hash"], out var media);
        switch (check)
        {
            case DownloadCheck.BadSignature:
                return Results.Text("URL signature mismatch", "text/plain", statusCode: StatusCodes.Status403Forbidden);
            case DownloadCheck.Expired:
                return Results.Text("URL signature expired", "text/plain", statusCode: StatusCodes.Status404NotFound);
            case DownloadCheck.NotFound:
                return Results.Text("Media not found", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }
        var owner = services.Businesses.FindByPhoneNumberId(media!.OwnerPhoneNumberId);
        if (owner is null || !BusinessRegistry.TokenMatches(owner, GraphAuth.Token(request)))
        {
            return GraphErrorResponse.From(MetaErrors.InvalidToken());
        }
        return Results.Bytes(media.Content, media.MimeType, media.Filename);
    }

    // 190 for a token nobody owns; "does not exist" for media that is missing, expired or another business's.
    private static MetaError? FindOwned(string mediaId, HttpRequest request, GraphServices services, string method, out StoredMedia? media)
    {
        media = null;
        var token = GraphAuth.Token(request);
        if (!services.Businesses.IsKnownToken(token))
        {
            return MetaErrors.InvalidToken();
        }
        var found = services.Media.Find(mediaId);
        var owner = found is null ? null : services.Businesses.FindByPhoneNumberId(found.OwnerPhoneNumberId);
        if (owner is null || !BusinessRegistry.TokenMatches(owner, token))
        {
            return MetaErrors.UnsupportedRequest(method, mediaId);
        }
        media = found;
        return null;
    }

    private static string PublicBaseUrl(HttpRequest request, GraphServices services) =>
        services.Options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}";
}

public sealed record MediaUploaded([property: JsonPropertyName("id")] string Id);

// file_size is a string in Meta's documented response.
public sealed record MediaUrlResponse(
    [property: JsonPropertyName("messaging_product")] string MessagingProduct,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("mime_type")] string MimeType,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("file_size")] string FileSize,
    [property: JsonPropertyName("id")] string Id);
