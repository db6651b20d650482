using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Minio;
using Minio.DataModel.Args;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// <c>POST /api/v1/agent/conversations/{id}/attachments</c> (multipart: <c>file</c>, <c>caption</c>,
/// <c>clientMessageId</c>): a file from the composer. Genesys's agentless API carries text only, so the file goes the
/// way the outbound pipeline sends an agent's attachment from Genesys: stored in the media-outbound bucket, sent to
/// WhatsApp with a presigned link Meta fetches it from, ledgered for its ticks and kept in the history under the
/// agent's name. WhatsApp's limits apply: its file types, 5 MB for a picture, 16 MB for anything else here.
/// </summary>
public static class AgentAttachmentApi
{
    /// <summary>The largest file the composer sends (WhatsApp's video and audio limit; documents could be larger, not from here).</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>How long Meta may fetch the file through its link, as for an agent's attachment from Genesys.</summary>
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapAgentAttachmentApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/agent/conversations/{conversationId:guid}/attachments", SendAsync)
            .RequireAuthorization(AgentSessionAuthentication.Policy)
            // A bearer token, not a cookie, authorises the call: no cross-site form can make it.
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFileBytes + 64 * 1024))
            .WithTags("Agent conversations")
            .WithSummary("Send a file (picture, video, audio or document) with an optional caption, within WhatsApp's 24-hour window")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<AgentReplyAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    private static async Task<IResult> SendAsync(Guid conversationId, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? caption,
        [Microsoft.AspNetCore.Mvc.FromForm] string? clientMessageId, HttpContext http, StateManagerClient state, IMinioClient s3,
        WhatsAppApiClient whatsapp, DirectSendTracking tracking, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var agent = http.Agent();
        if (clientMessageId is not { Length: > 0 and <= 100 })
        {
            return Problem(StatusCodes.Status400BadRequest, "A clientMessageId is required",
                "Give each send its own id (at most 100 characters), and the same id when retrying it.");
        }
        if (file is null || file.Length == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "No file", "Attach a file to send.");
        }
        var limit = WhatsAppMediaFiles.ForMime(file.ContentType);
        if (limit is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "File type not accepted",
                $"WhatsApp does not take {(string.IsNullOrWhiteSpace(file.ContentType) ? "this kind of file" : file.ContentType)}: send a JPEG or PNG picture, an MP4 video, audio, a PDF, text or Office document.");
        }
        var mime = WhatsAppMediaFiles.Normalize(file.ContentType);
        if (file.Length > Math.Min(limit.MaxBytes, MaxFileBytes))
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "File too large",
                $"A {limit.SendType} can be at most {Math.Min(limit.MaxBytes, MaxFileBytes) / (1024 * 1024)} MB here; this one is {file.Length / (1024.0 * 1024.0):0.#} MB.");
        }
        if (await state.FindConversationAsync(agent.TenantId, conversationId.ToString(), ct) is not { } conversation)
        {
            return Problem(StatusCodes.Status404NotFound, "No such conversation", "This workspace has no conversation with that id.");
        }
        caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim();
        var (toAddress, refusal) = AgentReplyPlan.DecideAttachment(conversation, caption, time.GetUtcNow());
        if (refusal is not null)
        {
            return Problem(refusal.Status, refusal.Title, refusal.Detail);
        }
        if (conversation.PhoneNumberId is not { Length: > 0 } phoneNumberId)
        {
            return Problem(StatusCodes.Status409Conflict, "No business number", "The conversation has no business number to send from.");
        }

        // Keyed by agent and page id: a retry stores the same object again and WhatsApp answers it with the first wamid.
        var idempotencyKey = $"agent-attachment:{agent.Id}:{clientMessageId}";
        var key = WhatsAppMediaFiles.OutboundStorageKey(agent.TenantId, limit.SendType, mime, time.GetUtcNow(), FileId(idempotencyKey));
        await using (var upload = file.OpenReadStream())
        {
            await s3.PutObjectAsync(new PutObjectArgs().WithBucket(Buckets.MediaOutbound).WithObject(key)
                .WithStreamData(upload).WithObjectSize(file.Length).WithContentType(mime), ct);
        }
        var link = await s3.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket(Buckets.MediaOutbound).WithObject(key)
            .WithExpiry((int)LinkLifetime.TotalSeconds));

        var to = DirectSendAddress.From(toAddress!);
        var filename = limit.SendType == MetaSendTypes.Document ? SafeFilename(file.FileName) : null;
        var media = new MetaSendMedia { Link = link, Caption = limit.SendType == MetaSendTypes.Audio ? null : caption, Filename = filename };
        var body = to.Media(limit.SendType, media);
        var sent = await whatsapp.SendAsync(agent.TenantId,
            new WhatsAppSendRequest(idempotencyKey, JsonSerializer.SerializeToElement(body, MetaJson.Options), phoneNumberId), ct);
        if (sent.Result is not { } result)
        {
            return Problem(StatusCodes.Status502BadGateway, "Not sent", $"WhatsApp did not take the file: {sent.Error!.Message}");
        }
        await tracking.TrackAsync(agent.TenantId, to, result.Wamid, phoneNumberId,
            new SentContent(limit.SendType, Media: new HistoryMedia(Buckets.MediaOutbound, key, mime, filename, media.Caption, file.Length)),
            new DirectSendTracking.Sender(agent.GenesysUserId, agent.Name), time.GetUtcNow(), ct);
        loggers.CreateLogger(typeof(AgentAttachmentApi)).LogInformation(
            "Agent {AgentId} sent a {Type} ({Bytes} bytes) in conversation {ConversationId} as {Wamid}",
            agent.Id, limit.SendType, file.Length, conversationId, result.Wamid);
        return Results.Accepted(value: new AgentReplyAccepted(conversationId, result.Wamid));
    }

    // The same send always gets the same object: a retry overwrites it rather than leaving an orphan.
    private static Guid FileId(string idempotencyKey) => new(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey))[..16]);

    // The customer sees the document's name; a path or control characters from the agent's machine are no part of it.
    private static string? SafeFilename(string? name)
    {
        var bare = Path.GetFileName(name ?? "").Trim();
        var clean = new string(bare.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length == 0 ? null : clean.Length > 240 ? clean[..240] : clean;
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
