using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Contracts.Operations;
using System.Text.Json;
using WhatsAppGenesys.Clients.Idempotency;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.WhatsAppApi.Graph;

namespace WhatsAppGenesys.WhatsAppApi.Sending;

/// <summary>
/// Sends for one tenant: resolves its WhatsApp number, keeps under the number's throughput, and sends each
/// idempotency key at most once (in process through <see cref="SendOnce{TResult}"/>, across replicas and restarts
/// through <see cref="SentMessageRecords"/>). The Graph call runs to completion even if the caller goes away, so its
/// answer is remembered for the caller's retry.
/// </summary>
public sealed class MessageSender(
    ITenantDirectory tenants,
    GraphMessagesClient graph,
    PhoneNumberThroughput throughput,
    SentMessageRecords records,
    SendOnce<SendOutcome> sendOnce,
    OperationalSignalCounters signals,
    IHostApplicationLifetime lifetime,
    ILogger<MessageSender> logger)
{
    public async Task<SendOutcome> SendAsync(string tenantId, WhatsAppSendRequest request, CancellationToken ct)
    {
        var (sender, refusal) = await ResolveSenderAsync(tenantId, request.PhoneNumberId, ct);
        if (sender is null)
        {
            return SendOutcome.Failed(refusal!);
        }

        var (outcome, replayed) = await sendOnce.RunAsync($"{tenantId}:{request.IdempotencyKey}", async () =>
        {
            if (await records.FindAsync(tenantId, request.IdempotencyKey) is { } known)
            {
                return SendOutcome.Sent(known, sender.PhoneNumberId, payload: null) with { Replayed = true };
            }
            if (await throughput.AcquireAsync(tenantId, sender.PhoneNumberId, lifetime.ApplicationStopping) is { } wait)
            {
                return SendOutcome.Failed(new ProviderError(ProviderNames.Meta, 429, "rate.limited.locally",
                    $"Phone number {sender.PhoneNumberId} is at its throughput limit", Retryable: true, wait.TotalSeconds,
                    nameof(GenesysReasonCode.RateLimited)));
            }
            var response = await graph.PostMessageAsync(tenantId, sender.GraphVersion, sender.PhoneNumberId, request.Body.GetRawText(),
                lifetime.ApplicationStopping);
            // Our local throughput refusals above are not Meta's errors; what Meta (or the way there) answered is.
            signals.SendCompleted(ProviderKeys.WhatsApp, tenantId, response.Error is null);
            if (response.Error is { } error)
            {
                return SendOutcome.Failed(error);
            }
            var accepted = JsonSerializer.Deserialize<MetaSendMessageResponse>(response.Payload!, MetaJson.Options)?.Messages?.FirstOrDefault();
            if (accepted is not { Id.Length: > 0 })
            {
                return SendOutcome.Failed(new ProviderError(ProviderNames.Meta, 502, "no.message.id", "Meta accepted the request but returned no message id",
                    Retryable: false, ReceiptReason: nameof(GenesysReasonCode.GeneralError)));
            }
            var result = new WhatsAppSendResult(accepted.Id, accepted.MessageStatus);
            await records.SaveAsync(tenantId, request.IdempotencyKey, result);
            return SendOutcome.Sent(result, sender.PhoneNumberId, response.Payload);
        }).WaitAsync(ct);

        if (replayed || outcome.Replayed)
        {
            logger.LogInformation("Idempotency key {Key} was already sent as {Wamid}; not sending again", request.IdempotencyKey, outcome.Result?.Wamid);
            return outcome with { Replayed = true };
        }
        return outcome;
    }

    /// <summary>Read receipt (and typing indicator): cheap, repeatable, so no idempotency or throughput bookkeeping.</summary>
    public async Task<(WhatsAppMarkReadResult? Result, ProviderError? Error)> MarkReadAsync(string tenantId, WhatsAppMarkReadRequest request, CancellationToken ct)
    {
        var (sender, refusal) = await ResolveSenderAsync(tenantId, request.PhoneNumberId, ct);
        if (sender is null)
        {
            return (null, refusal);
        }
        var body = JsonSerializer.Serialize(new MetaMarkAsReadRequest
        {
            MessageId = request.MessageId,
            TypingIndicator = request.TypingIndicator ? new MetaTypingIndicator() : null,
        }, MetaJson.Options);
        var response = await graph.PostMessageAsync(tenantId, sender.GraphVersion, sender.PhoneNumberId, body, ct);
        return response.Error is { } error ? (null, error) : (new WhatsAppMarkReadResult(true), null);
    }

    private async Task<(SenderNumber? Sender, ProviderError? Refusal)> ResolveSenderAsync(string tenantId, string? phoneNumberId, CancellationToken ct)
    {
        Contracts.Tenancy.TenantResolution? tenant;
        try
        {
            tenant = await tenants.FindByIdAsync(tenantId, ct);
        }
        catch (Exception ex) when (ex is TenantDirectoryUnavailableException or HttpRequestException)
        {
            return (null, new ProviderError(ProviderNames.Meta, 503, "tenant.directory.unavailable", "The tenant directory is unavailable",
                Retryable: true, ReceiptReason: nameof(GenesysReasonCode.ServerError)));
        }
        if (tenant is not { IsActive: true, WhatsApp: { PhoneNumberIds.Count: > 0 } whatsApp })
        {
            return (null, new ProviderError(ProviderNames.Meta, 403, "tenant.not.configured",
                "Unknown or inactive tenant, or no WhatsApp number configured", Retryable: false,
                ReceiptReason: nameof(GenesysReasonCode.GeneralError)));
        }
        var number = phoneNumberId ?? whatsApp.PhoneNumberIds[0];
        if (!whatsApp.PhoneNumberIds.Contains(number))
        {
            // Never send from a number the tenant does not own, whatever the caller says.
            return (null, new ProviderError(ProviderNames.Meta, 403, "phone.number.not.owned",
                "The phone number id does not belong to this tenant", Retryable: false,
                ReceiptReason: nameof(GenesysReasonCode.GeneralError)));
        }
        return (new SenderNumber(number, whatsApp.GraphApiVersion), null);
    }

    private sealed record SenderNumber(string PhoneNumberId, string GraphVersion);
}

/// <summary>The wamid Meta gave (and its raw answer, when this call sent it), or why not.</summary>
public sealed record SendOutcome(WhatsAppSendResult? Result, ProviderError? Error, string? PhoneNumberId, string? Payload, bool Replayed = false)
{
    public static SendOutcome Sent(WhatsAppSendResult result, string phoneNumberId, string? payload) => new(result, null, phoneNumberId, payload);

    public static SendOutcome Failed(ProviderError error) => new(null, error, null, null);
}
