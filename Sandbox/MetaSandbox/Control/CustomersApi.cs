using System.Text.Json;
using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.MetaSandbox.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.Control;

// Simulated customers: make them send anything, see what the business sent them, make them unreachable.
public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapPost("/customers/{customerId}/messages", SendMessage);
        sandbox.MapGet("/customers/{customerId}/messages", GetMessages);
        sandbox.MapGet("/customers/{customerId}", GetCustomer);
        sandbox.MapPost("/customers/{customerId}/unreachable", MarkUnreachable);
        sandbox.MapDelete("/customers/{customerId}/unreachable", MarkReachable);
        return sandbox;
    }

    // Returns at once; the webhook goes out through the customer's delivery lane.
    private static IResult SendMessage(string customerId, CustomerMessageRequest request, [AsParameters] ControlServices services)
    {
        var phoneNumberId = request.PhoneNumberId ?? services.Businesses.Default.PhoneNumberIds[0];
        if (services.Businesses.FindByPhoneNumberId(phoneNumberId) is not { } business)
        {
            return Results.Problem($"Unknown phone number id {phoneNumberId}.", statusCode: StatusCodes.Status404NotFound);
        }
        InboundMessage inbound;
        try
        {
            inbound = services.Inbound.Create(customerId, request, business, phoneNumberId);
        }
        catch (ControlRequestException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        var value = WebhookFactory.MessagesValue(business, phoneNumberId, [inbound.Contact], [inbound.Message]);
        services.Dispatcher.Enqueue(WebhookFactory.LaneKey(phoneNumberId, inbound.Customer), business,
            WebhookJson.Serialize(WebhookFactory.Envelope(business, value)));
        return Results.Accepted(value: new
        {
            wamid = inbound.Message.Id,
            mediaId = inbound.MediaId,
            phoneNumberId,
            waId = inbound.Customer.WaId,
            userId = inbound.Customer.UserId,
        });
    }

    private static IResult GetMessages(string customerId, string? phoneNumberId, [AsParameters] ControlServices services)
    {
        if (services.Customers.Find(customerId) is not { } customer)
        {
            return Results.Json(Array.Empty<object>());
        }
        return Results.Json(customer.OutboundSnapshot()
            .Where(m => phoneNumberId is null || m.PhoneNumberId == phoneNumberId)
            .Select(m => new
            {
                wamid = m.Wamid,
                phoneNumberId = m.PhoneNumberId,
                to = m.Input,
                type = m.Type,
                status = m.Status,
                errorCode = m.ErrorCode,
                acceptedAt = m.AcceptedAt,
                statuses = m.History().Select(h => new { status = h.Status, timestamp = h.Timestamp }),
                body = JsonDocument.Parse(m.RequestBody).RootElement,
            }));
    }

    private static IResult GetCustomer(string customerId, [AsParameters] ControlServices services)
    {
        if (services.Customers.Find(customerId) is not { } customer)
        {
            return Results.NotFound();
        }
        return Results.Json(new
        {
            waId = customer.WaId,
            userId = customer.UserId,
            parentUserId = customer.ParentUserId,
            username = customer.Username,
            profileName = customer.ProfileName,
            bsuidOnly = customer.HidesPhoneNumber,
            unreachable = customer.Unreachable is not null,
            unreachableDelivery = customer.Unreachable,
            inbound = customer.InboundSnapshot().Select(i => new
            {
                wamid = i.Wamid,
                phoneNumberId = i.PhoneNumberId,
                type = i.Type,
                timestamp = i.Timestamp,
                readByBusiness = i.ReadByBusiness,
                typingIndicatorShown = i.TypingIndicatorShown,
            }),
        });
    }

    // Sends to this customer then fail with 131026: as a failed status (default) or synchronously ("delivery":"response").
    private static IResult MarkUnreachable(string customerId, UnreachableRequest? request, [AsParameters] ControlServices services)
    {
        var customer = services.Customers.GetOrCreate(customerId);
        customer.Unreachable = request?.Delivery ?? PolicyErrorDelivery.Webhook;
        return Results.Ok(new { waId = customer.WaId, userId = customer.UserId, unreachable = true, delivery = customer.Unreachable });
    }

    private static IResult MarkReachable(string customerId, [AsParameters] ControlServices services)
    {
        if (services.Customers.Find(customerId) is { } customer)
        {
            customer.Unreachable = null;
        }
        return Results.NoContent();
    }
}
