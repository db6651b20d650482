using System.Text;
using System.Text.Json;
using WhatsAppGenesys.MetaSandbox.Media;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// POST /{version}/{phone-number-id}/messages: sends, reactions, templates and the mark-as-read/typing form.
public static class MessagesApi
{
    private static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    public static async Task<IResult> SendAsync(string phoneNumberId, HttpRequest request, [AsParameters] GraphServices services)
    {
        if (GraphAuth.Authorize(request, services.Businesses, phoneNumberId, out var business) is { } authError)
        {
            return Reject(services, authError);
        }

        var raw = await ReadBodyAsync(request);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw);
        }
        catch (JsonException)
        {
            return Reject(services, MetaErrors.InvalidParameter("The request body could not be parsed as JSON."));
        }
        using (document)
        {
            if (MessageValidator.Validate(document.RootElement, out var send) is { } invalid)
            {
                return Reject(services, invalid);
            }
            return send.IsMarkAsRead
                ? MarkAsRead(phoneNumberId, send, services)
                : Accept(phoneNumberId, business, send, document.RootElement, Encoding.UTF8.GetString(raw), services);
        }
    }

    private static IResult Accept(string phoneNumberId, Business business, SendRequest send, JsonElement body, string rawBody,
        GraphServices services)
    {
        if (!services.Throughput.TryAcquire(phoneNumberId))
        {
            return Reject(services, MetaErrors.RateLimitHit());
        }
        if (send.MediaId is not null && CheckUploadedMedia(send, business, services) is { } mediaError)
        {
            return Reject(services, mediaError);
        }
        if (send.IsTemplate && services.Templates.Check(business.WabaId, body.GetProperty("template")) is { } templateError)
        {
            return Reject(services, templateError);
        }

        var sentToBsuid = send.To is null || CustomerStore.IsBsuid(send.To);
        var input = send.To ?? send.Recipient!;
        var customer = services.Customers.GetOrCreate(input);

        // Unreachable (131026) and the 24 h window (131047) fail asynchronously by default, like Meta.
        MetaError? policyError = null;
        var delivery = services.Settings.PolicyErrorDelivery;
        if (customer.Unreachable is { } unreachableDelivery)
        {
            policyError = MetaErrors.Undeliverable();
            delivery = unreachableDelivery;
        }
        else if (!send.IsTemplate && services.Settings.EnforceCustomerServiceWindow && !WindowOpen(customer, phoneNumberId, services.Time))
        {
            policyError = MetaErrors.ReEngagement();
        }
        else
        {
            // A template to a customer whose service window is closed is business-initiated: it counts against the
            // business's messaging limit.
            var businessInitiated = send.IsTemplate && !WindowOpen(customer, phoneNumberId, services.Time);
            var limit = services.Limits.Check(business, phoneNumberId, customer.Key, businessInitiated);
            policyError = limit.Error;
            delivery = limit.Error is null ? delivery : limit.Delivery;
        }
        if (policyError is not null && delivery == PolicyErrorDelivery.Response)
        {
            return Reject(services, policyError);
        }

        var message = new OutboundMessage(Ids.NewWamid(customer.WaId ?? customer.UserId, inbound: false), phoneNumberId,
            customer, input, sentToBsuid, send.Type, rawBody, services.Time.GetUtcNow());
        services.Customers.AddOutbound(message);
        Interlocked.Increment(ref services.Counters.MessagesAccepted);
        services.Statuses.Start(message, business, send, policyError);

        var contact = sentToBsuid
            ? new SendMessageContact(input, null, customer.UserId)
            : new SendMessageContact(input, customer.WaId, null);
        return Results.Json(new SendMessageResponse("whatsapp", [contact],
            [new SendMessageId(message.Wamid, send.IsTemplate ? "accepted" : null)]), GraphJson.Options);
    }

    private static IResult MarkAsRead(string phoneNumberId, SendRequest send, GraphServices services)
    {
        // Unknown wamids are accepted too: tests often mark messages read that came in as raw webhooks.
        if (services.Customers.FindInbound(send.ReadMessageId!) is { } inbound && inbound.PhoneNumberId == phoneNumberId)
        {
            inbound.ReadByBusiness = true;
            inbound.TypingIndicatorShown |= send.TypingIndicator;
        }
        Interlocked.Increment(ref services.Counters.MarkedRead);
        return Results.Json(new SuccessResponse(true), GraphJson.Options);
    }

    // Media sent by id must exist, belong to this business and suit the message type (audio/opus → 131053).
    private static MetaError? CheckUploadedMedia(SendRequest send, Business business, GraphServices services)
    {
        var media = services.Media.Find(send.MediaId!);
        if (media is null || services.Businesses.FindByPhoneNumberId(media.OwnerPhoneNumberId)?.WabaId != business.WabaId)
        {
            return MetaErrors.ParameterValueInvalid($"Param {send.Type}['id'] is not a valid media id: {send.MediaId}.");
        }
        return MediaRules.Check(send.Type, media.MimeType, media.Content.LongLength);
    }

    private static bool WindowOpen(Customer customer, string phoneNumberId, TimeProvider time) =>
        customer.LastInboundUnix(phoneNumberId) is { } last &&
        time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(last) < CustomerServiceWindow;

    private static IResult Reject(GraphServices services, MetaError error)
    {
        Interlocked.Increment(ref services.Counters.MessagesRejected);
        return GraphErrorResponse.From(error);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}
