using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Handling;

namespace WhatsAppGenesys.OutboundTransformer.Delivery;

/// <summary>
/// How an agent message that did not go out ends, whatever its channel: a final failure becomes a Failed receipt
/// and the ledger row failed; a transient one goes back to the delay queue, and on the pipeline's last attempt the
/// agent gets the Failed receipt first and the message lands in the dead-letter queue (its ledger row stays
/// <c>received</c>, so an operator's replay sends it).
/// </summary>
public sealed class DeliveryOutcomes(FailureReceipts failures, PipelineRegistry pipelines, OutboundMetrics metrics, ILogger<DeliveryOutcomes> logger)
{
    public int MaxAttempts => pipelines.Get(Pipelines.Outbound).MaxAttempts;

    public async Task<MessageOutcome> FailAsync(AgentMessage job, GenesysReasonCode reason, string message, CancellationToken ct) =>
        await failures.ReportAsync(job.TenantId, job.GenesysId, job.Recipient, reason, message, ct) is { } error
            ? MessageOutcome.Retry($"The Failed receipt did not reach Genesys: {error.Code} {error.Message}",
                error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
            : MessageOutcome.Success;

    public async Task<MessageOutcome> RetryOrGiveUpAsync(AgentMessage job, MessageContext context, string code, string detail,
        TimeSpan? retryAfter, GenesysReasonCode reason, CancellationToken ct)
    {
        var why = $"{code}: {detail}";
        if (context.Attempt >= MaxAttempts)
        {
            await ReportExhaustedAsync(job, why, ct, reason);
        }
        else
        {
            metrics.Retried(job.TenantId, code);
        }
        return MessageOutcome.Retry(why, retryAfter);
    }

    public async Task ReportExhaustedAsync(AgentMessage job, string why, CancellationToken ct, GenesysReasonCode reason = GenesysReasonCode.ServerError)
    {
        try
        {
            await failures.ReportAsync(job.TenantId, job.GenesysId, job.Recipient, reason,
                $"Not sent after {MaxAttempts} attempts; the last error was {why}", ct, markLedgerFailed: false);
        }
        catch (HttpRequestException ex)
        {
            logger.LogError("Could not report agent message {MessageId} as failed: {Reason}", job.GenesysId, ex.Message);
        }
    }
}
