using System.Text.Json.Nodes;
using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Files;
using WhatsAppGenesys.RcsSandbox.Webhooks;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>A control request that cannot become a user message; answered 400.</summary>
public sealed class ControlRequestException(string message) : Exception(message);

/// <summary>
/// Turns a <see cref="UserMessageRequest"/> into RBM's UserMessage: text, suggestionResponse{postbackData,text,type},
/// location{latitude,longitude} or userFile{payload{mimeType,fileSizeBytes,fileUri,fileName},thumbnail?}, whose
/// fileUri is a URL of this simulator (GET /files/{id}).
/// </summary>
public sealed class UserMessageFactory(UserEventFactory events, FileStore files, TimeProvider time)
{
    public (JsonObject Message, string Kind, string MessageId) Create(Agent agent, string msisdn, UserMessageRequest request, string fileBaseUrl)
    {
        var given = new[] { request.Text is not null, request.SuggestionResponse is not null, request.Location is not null, request.File is not null }
            .Count(set => set);
        if (given != 1)
        {
            throw new ControlRequestException("Give exactly one of text, suggestionResponse, location or file.");
        }
        var messageId = string.IsNullOrEmpty(request.MessageId) ? Ids.NewUserMessageId() : request.MessageId;
        var message = events.Message(msisdn, agent.AgentId, messageId, request.SendTime ?? time.GetUtcNow());
        if (request.Text is { } text)
        {
            message["text"] = text;
            return (message, "text", messageId);
        }
        if (request.SuggestionResponse is { } response)
        {
            var type = (response.Type ?? "REPLY").ToUpperInvariant();
            if (type is not ("REPLY" or "ACTION") || string.IsNullOrEmpty(response.PostbackData))
            {
                throw new ControlRequestException("suggestionResponse needs postbackData and a type of REPLY or ACTION.");
            }
            message["suggestionResponse"] = new JsonObject
            {
                ["postbackData"] = response.PostbackData,
                ["text"] = response.Text ?? "",
                ["type"] = type,
            };
            return (message, "suggestionResponse", messageId);
        }
        if (request.Location is { } location)
        {
            if (location.Latitude is < -90 or > 90 || location.Longitude is < -180 or > 180)
            {
                throw new ControlRequestException("location needs a latitude in [-90, 90] and a longitude in [-180, 180].");
            }
            message["location"] = new JsonObject { ["latitude"] = location.Latitude, ["longitude"] = location.Longitude };
            return (message, "location", messageId);
        }
        message["userFile"] = UserFile(request.File!, fileBaseUrl);
        return (message, "file", messageId);
    }

    private JsonObject UserFile(FilePayload file, string baseUrl)
    {
        var content = Decode(file.Base64, "file.base64");
        if (content.Length == 0 || string.IsNullOrWhiteSpace(file.MimeType))
        {
            throw new ControlRequestException("file needs base64 content and a mimeType.");
        }
        var fileName = string.IsNullOrWhiteSpace(file.FileName) ? "file" : file.FileName;
        var userFile = new JsonObject { ["payload"] = FileInfo(files.Add(file.MimeType, fileName, content), baseUrl) };
        if (file.ThumbnailBase64 is not null)
        {
            var thumbnail = files.Add(file.ThumbnailMimeType ?? "image/jpeg", "thumbnail", Decode(file.ThumbnailBase64, "file.thumbnailBase64"));
            userFile["thumbnail"] = FileInfo(thumbnail, baseUrl);
        }
        return userFile;
    }

    private JsonObject FileInfo(StoredFile file, string baseUrl) => new()
    {
        ["mimeType"] = file.MimeType,
        ["fileSizeBytes"] = file.Content.LongLength,
        ["fileUri"] = files.Url(baseUrl, file),
        ["fileName"] = file.FileName,
    };

    private static byte[] Decode(string? base64, string field)
    {
        try
        {
            return Convert.FromBase64String(base64 ?? "");
        }
        catch (FormatException)
        {
            throw new ControlRequestException($"{field} is not valid base64.");
        }
    }
}
