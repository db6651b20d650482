using System.Text;
using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.Control;

// Webhook tools for tests: post raw bodies, run the GET verification handshake, and batch several events in one post.
public static class WebhooksControlApi
{
    public static RouteGroupBuilder MapWebhooksControlApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapPost("/webhooks/raw", PostRawAsync);
        sandbox.MapPost("/webhooks/verify", VerifyAsync);
        sandbox.MapPost("/webhooks/batch", PostBatch);
        return sandbox;
    }

    // The body is sent byte for byte (its UTF-8), signed with the business's app secret unless overridden; synchronous,
    // no retries, so the caller sees exactly what the receiver answered.
    private static async Task<IResult> PostRawAsync(RawWebhookRequest request, [AsParameters] ControlServices services, CancellationToken cancellationToken)
    {
        var business = Resolve(request.PhoneNumberId, services);
        if (business is null)
        {
            return Results.Problem($"Unknown phone number id {request.PhoneNumberId}.", statusCode: StatusCodes.Status404NotFound);
        }
        var url = request.WebhookUrl ?? business.WebhookUrl;
        if (url is null)
        {
            return Results.Problem("No webhook URL is configured.", statusCode: StatusCodes.Status400BadRequest);
        }
        var body = Encoding.UTF8.GetBytes(request.Body);
        var secret = request.AppSecret ?? business.AppSecret;
        var signature = request.OmitSignature ? null : request.Signature ?? WebhookSignature.Sha256(body, secret);
        try
        {
            var response = await services.Sender.PostAsync(url, body, signature, null, readBody: true, cancellationToken);
            return Results.Ok(new { status = response.Status, body = response.Body, signature });
        }
        catch (HttpRequestException ex)
        {
            return Results.Problem($"The receiver could not be reached: {ex.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }

    // GET <webhook>?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… as Meta does when a webhook is configured.
    private static async Task<IResult> VerifyAsync(VerifyRequest? request, [AsParameters] ControlServices services, CancellationToken cancellationToken)
    {
        var business = Resolve(request?.PhoneNumberId, services);
        var url = request?.WebhookUrl ?? business?.WebhookUrl;
        if (business is null || url is null)
        {
            return Results.Problem("Unknown phone number id or no webhook URL.", statusCode: StatusCodes.Status404NotFound);
        }
        var challenge = request?.Challenge ?? Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = request?.VerifyToken ?? business.VerifyToken;
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var verifyUrl = $"{url}{separator}hub.mode=subscribe&hub.verify_token={Uri.EscapeDataString(token)}&hub.challenge={Uri.EscapeDataString(challenge)}";
        try
        {
            using var response = await services.Sender.Client.GetAsync(verifyUrl, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            return Results.Ok(new { status, body, challenge, challengeEchoed = response.IsSuccessStatusCode && body == challenge });
        }
        catch (HttpRequestException ex)
        {
            return Results.Problem($"The receiver could not be reached: {ex.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }

    // Several customer messages and statuses in ONE webhook. layout: "messages" (one change with all of them, the
    // default, as Meta batches), "changes" (one change each) or "entries" (one entry each). Queued with retries on
    // its own lane, so it is not ordered against the customers' individual lanes.
    private static IResult PostBatch(BatchRequest request, [AsParameters] ControlServices services)
    {
        var phoneNumberId = request.PhoneNumberId ?? services.Businesses.Default.PhoneNumberIds[0];
        if (services.Businesses.FindByPhoneNumberId(phoneNumberId) is not { } business)
        {
            return Results.Problem($"Unknown phone number id {phoneNumberId}.", statusCode: StatusCodes.Status404NotFound);
        }
        var values = new List<WebhookValue>();
        var wamids = new List<string>();
        try
        {
            foreach (var message in request.Messages ?? [])
            {
                var customerId = message.WaId ?? message.UserId ?? throw new ControlRequestException("Each batch message needs waId or userId.");
                var inbound = services.Inbound.Create(customerId, message, business, phoneNumberId);
                values.Add(WebhookFactory.MessagesValue(business, phoneNumberId, [inbound.Contact], [inbound.Message]));
                wamids.Add(inbound.Message.Id);
            }
            foreach (var status in request.Statuses ?? [])
            {
                var message = services.Customers.FindOutbound(status.Wamid) ?? throw new ControlRequestException($"Unknown wamid {status.Wamid}.");
                var error = status.Status == "failed" ? MetaErrors.ForCode(status.ErrorCode ?? 131026, null) : null;
                values.Add(services.Statuses.StatusValue(message, business, status.Status, error));
            }
        }
        catch (ControlRequestException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        if (values.Count == 0)
        {
            return Results.Problem("The batch is empty.", statusCode: StatusCodes.Status400BadRequest);
        }

        var envelope = (request.Layout ?? "messages") switch
        {
            "entries" => new WebhookEnvelope(WebhookFactory.ObjectType,
                [.. values.Select(v => new WebhookEntry(business.WabaId, [new WebhookChange(v, WebhookFactory.MessagesField)]))]),
            "changes" => WebhookFactory.Envelope(business, values),
            _ => WebhookFactory.Envelope(business, Merge(values)),
        };
        services.Dispatcher.Enqueue($"batch|{phoneNumberId}", business, WebhookJson.Serialize(envelope));
        return Results.Accepted(value: new { wamids, events = values.Count });
    }

    private static WebhookValue Merge(List<WebhookValue> values) => values[0] with
    {
        Contacts = values.SelectMany(v => v.Contacts ?? []).DistinctBy(c => c.UserId).ToList() is { Count: > 0 } c ? c : null,
        Messages = values.SelectMany(v => v.Messages ?? []).ToList() is { Count: > 0 } m ? m : null,
        Statuses = values.SelectMany(v => v.Statuses ?? []).ToList() is { Count: > 0 } s ? s : null,
    };

    private static Business? Resolve(string? phoneNumberId, ControlServices services) =>
        phoneNumberId is null ? services.Businesses.Default : services.Businesses.FindByPhoneNumberId(phoneNumberId);
}
