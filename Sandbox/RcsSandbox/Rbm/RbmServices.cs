using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Control;
using WhatsAppGenesys.RcsSandbox.OAuth;
using WhatsAppGenesys.RcsSandbox.Users;
using WhatsAppGenesys.RcsSandbox.Webhooks;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>Parameter object for the RBM API handlers.</summary>
public sealed record RbmServices(
    AgentRegistry Agents,
    TokenStore Tokens,
    UserDirectory Users,
    SendRateLimiter RateLimiter,
    ForbiddenSends Forbidden,
    MessageLedger Ledger,
    ReceiptPublisher Receipts,
    SandboxCounters Counters,
    TimeProvider Time)
{
    /// <summary>Counts the error and turns it into Google's response.</summary>
    public IResult Reject(Wire.GoogleError error, bool tokenPresented = false, int? retryAfterSeconds = null)
    {
        Counters.ApiRejected(error.Code);
        return error.ToResult(retryAfterSeconds, tokenPresented);
    }
}
