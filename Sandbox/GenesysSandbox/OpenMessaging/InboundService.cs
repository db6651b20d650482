using WhatsAppGenesys.GenesysSandbox.Control;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OpenMessaging;

/// <summary>
/// What Genesys does with each inbound Open Messaging call: validate, group into the customer's conversation, fetch
/// attachments, and answer with the normalized message. Nothing is deduplicated: a repeated channel.messageId is
/// stored again and flagged, so "delivered exactly once" stays checkable.
/// </summary>
public sealed class InboundService(ConversationStore store, AttachmentFetcher fetcher, SandboxCounters counters, InboundFeed feed, TimeProvider time)
{
    public async Task<IResult> MessageAsync(HttpContext context, Integration integration, InboundMessageRequest request, bool prefetchConversationId)
    {
        var errors = InboundValidator.Message(request);
        if (errors.Count > 0)
        {
            counters.InboundValidationFailed();
            return GenesysErrors.Result(InboundValidator.ToErrorBody(context, errors));
        }

        var channel = request.Channel!;
        var conversation = Conversation(integration, channel.From!);

        List<InboundAttachment>? attachments = null;
        ErrorBody? rejection = null;
        for (var i = 0; request.Content is not null && i < request.Content.Count; i++)
        {
            var content = request.Content[i];
            var attachment = content.Attachment!;
            var fetch = AttachmentFetcher.IsFetchable(attachment)
                ? await fetcher.FetchAsync(attachment, context.RequestAborted)
                : new AttachmentFetchResult(true, null, null, null, null, null, null, 0);
            (attachments ??= []).Add(new InboundAttachment(content.ContentType, attachment, fetch));
            // The code is the generic bad.request (no documented Genesys code exists for this); the detail says why.
            rejection ??= fetch.Succeeded
                ? null
                : GenesysErrors.Body(context, 400, "bad.request",
                    $"Unable to download attachment [{AttachmentFetcher.Redact(attachment.Url)}]: {fetch.Error}",
                    details: [new ErrorDetail("attachment.download.failed", $"content[{i}].attachment.url")]);
        }

        var message = new ConversationMessage
        {
            Id = rejection is null ? NewMessageId() : null,
            Direction = MessageDirection.Inbound,
            Type = "Text",
            Text = request.Text,
            ChannelMessageId = channel.MessageId,
            Time = channel.Time,
            ReceivedAt = time.GetUtcNow(),
            Metadata = request.Metadata,
            ChannelMetadata = channel.Metadata,
            Attachments = attachments,
            Rejection = rejection,
        };
        Append(conversation, message);
        feed.Record(conversation, channel.From!.Id!, message);

        if (rejection is not null)
        {
            counters.InboundMessageRejected();
            return GenesysErrors.Result(rejection);
        }

        counters.InboundMessageAccepted();
        return Results.Json(new OpenNormalizedResponse
        {
            Id = message.Id!,
            Channel = ResponseChannel(integration, channel),
            Type = "Text",
            Text = request.Text,
            Content = attachments?.Select(a => new ResponseContent
            {
                ContentType = "Attachment",
                Attachment = a.Attachment with { Sha256 = a.Attachment.Sha256 ?? a.Fetch.Sha256 },
            }).ToList(),
            Metadata = request.Metadata,
            Direction = MessageDirection.Inbound,
            ConversationId = prefetchConversationId ? conversation.Id.ToString() : null,
        }, SandboxJson.Options);
    }

    public IResult Event(HttpContext context, Integration integration, InboundEventRequest request)
    {
        var errors = InboundValidator.Event(request);
        if (errors.Count > 0)
        {
            counters.InboundValidationFailed();
            return GenesysErrors.Result(InboundValidator.ToErrorBody(context, errors));
        }

        var channel = request.Channel!;
        var message = new ConversationMessage
        {
            Id = NewMessageId(),
            Direction = MessageDirection.Inbound,
            Type = "Event",
            ChannelMessageId = channel.MessageId,
            Time = channel.Time,
            ReceivedAt = time.GetUtcNow(),
            ChannelMetadata = channel.Metadata,
            Events = request.Events,
        };
        Append(Conversation(integration, channel.From!), message);
        counters.EventAccepted();

        return Results.Json(new OpenNormalizedResponse
        {
            Id = message.Id!,
            Channel = ResponseChannel(integration, channel),
            Type = "Event",
            Events = request.Events,
            Direction = MessageDirection.Inbound,
        }, SandboxJson.Options);
    }

    public IResult StructuredResponse(HttpContext context, Integration integration, InboundStructuredResponseRequest request)
    {
        var errors = InboundValidator.StructuredResponse(request);
        if (errors.Count > 0)
        {
            counters.InboundValidationFailed();
            return GenesysErrors.Result(InboundValidator.ToErrorBody(context, errors));
        }

        var channel = request.Channel!;
        var message = new ConversationMessage
        {
            Id = NewMessageId(),
            Direction = MessageDirection.Inbound,
            Type = "Structured",
            Text = request.ButtonResponse!.Text,
            ChannelMessageId = channel.MessageId,
            Time = channel.Time,
            ReceivedAt = time.GetUtcNow(),
            ChannelMetadata = channel.Metadata,
            ButtonResponse = request.ButtonResponse,
            OriginatingMessageId = request.OriginatingMessageId,
        };
        Append(Conversation(integration, channel.From!), message);
        counters.StructuredResponseAccepted();

        return Results.Json(new OpenNormalizedResponse
        {
            Id = message.Id!,
            Channel = ResponseChannel(integration, channel),
            Type = "Structured",
            Content = [new ResponseContent { ContentType = "ButtonResponse", ButtonResponse = request.ButtonResponse }],
            OriginatingMessageId = request.OriginatingMessageId,
            Direction = MessageDirection.Inbound,
        }, SandboxJson.Options);
    }

    /// <summary>A receipt is recorded against the outbound message it names (its id is the outbound webhook's id).</summary>
    public IResult Receipt(HttpContext context, Integration integration, InboundReceiptRequest request)
    {
        var errors = InboundValidator.Receipt(request);
        if (errors.Count > 0)
        {
            counters.InboundValidationFailed();
            return GenesysErrors.Result(InboundValidator.ToErrorBody(context, errors));
        }

        var channel = request.Channel!;
        var now = time.GetUtcNow();
        if (store.TryGetOutboundMessage(request.Id!, out var conversation, out var message) &&
            string.Equals(conversation.IntegrationId, integration.Id, StringComparison.OrdinalIgnoreCase))
        {
            lock (conversation.Gate)
            {
                var toMatches = string.Equals(channel.To!.Id, conversation.Customer.Id, StringComparison.Ordinal);
                message.Receipts.Add(new ReceiptRecord(request.Status!, request.Reasons ?? [], request.IsFinalReceipt,
                    channel.Time, now, toMatches));
            }
            counters.ReceiptAccepted();
        }
        else
        {
            // Genesys does not reject a receipt for an id it cannot place; the simulator keeps it visible instead.
            store.AddUnmatchedReceipt(new UnmatchedReceipt(integration.Id, request.Id, channel.To!.Id, request.Status!, now));
            counters.ReceiptUnmatched();
        }

        return Results.Json(new OpenNormalizedResponse
        {
            Id = request.Id!,
            Channel = new ResponseChannel { Id = integration.Id, MessageId = channel.MessageId, To = channel.To, Time = channel.Time },
            Type = "Receipt",
            Status = request.Status,
            Reasons = request.Reasons,
            IsFinalReceipt = request.IsFinalReceipt,
            Direction = MessageDirection.Outbound,
        }, SandboxJson.Options);
    }

    public static string NewMessageId() => Guid.NewGuid().ToString("N");

    private Conversation Conversation(Integration integration, OpenRecipient from)
    {
        var customer = new Customer(from.Id!, from.IdType!, from.Nickname, from.FirstName, from.LastName);
        var conversation = store.GetOrCreate(integration.Id, customer);
        lock (conversation.Gate)
        {
            var known = conversation.Customer;
            conversation.UpdateCustomerLocked(known with
            {
                IdType = customer.IdType,
                Nickname = customer.Nickname ?? known.Nickname,
                FirstName = customer.FirstName ?? known.FirstName,
                LastName = customer.LastName ?? known.LastName,
            });
        }
        return conversation;
    }

    private void Append(Conversation conversation, ConversationMessage message)
    {
        lock (conversation.Gate)
        {
            conversation.AppendLocked(message);
        }
        if (message.DuplicateOf is not null)
        {
            counters.DuplicateMessage();
        }
    }

    private static ResponseChannel ResponseChannel(Integration integration, InboundChannel channel) => new()
    {
        Id = integration.Id,
        MessageId = channel.MessageId,
        To = new OpenRecipient { Id = integration.Id },
        From = channel.From,
        Time = channel.Time,
        Metadata = channel.Metadata,
    };
}
