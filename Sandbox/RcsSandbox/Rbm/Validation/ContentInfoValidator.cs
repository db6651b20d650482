using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm.Validation;

/// <summary>ContentInfo: <c>fileUrl</c> (required, absolute http(s)), <c>thumbnailUrl</c>, <c>forceRefresh</c>.</summary>
public static class ContentInfoValidator
{
    public static void Validate(ProtoReader contentInfo)
    {
        contentInfo.OnlyKnown("fileUrl", "thumbnailUrl", "forceRefresh", "contentDescription");
        var fileUrl = contentInfo.String("fileUrl");
        var thumbnailUrl = contentInfo.String("thumbnailUrl");
        contentInfo.Bool("forceRefresh");
        contentInfo.String("contentDescription");
        contentInfo.Require("fileUrl", fileUrl);
        CheckUrl(contentInfo, "fileUrl", fileUrl);
        CheckUrl(contentInfo, "thumbnailUrl", thumbnailUrl);
    }

    /// <summary>
    /// Files uploaded with files.create (fileName, uploadedRbmFile) are not simulated: nothing was ever uploaded here, so
    /// such a reference cannot resolve.
    /// </summary>
    public static void RejectUploadedFile(ProtoReader parent, string field) =>
        parent.Fail(GoogleError.InvalidArgument(
            $"'{parent.Field(field)}' names a file uploaded with files.create, which this simulator does not offer; send contentInfo.fileUrl instead.",
            parent.Field(field)));

    private static void CheckUrl(ProtoReader contentInfo, string name, string? url)
    {
        if (!contentInfo.Failed && url is not null && !JsonShape.IsAbsoluteHttpUrl(url))
        {
            contentInfo.Fail(GoogleError.InvalidArgument($"'{contentInfo.Field(name)}' must be a publicly reachable http(s) URL.",
                contentInfo.Field(name)));
        }
    }
}
