using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

public enum CodeExchange
{
    Issued,
    Unknown,
    Used,
    Expired,
}

// Every Embedded Signup run, with its one-time code and the token the code turns into. A finished signup registers a
// new business (its own WABA, phone number and token, the app's secret) in the BusinessRegistry, so the Graph API,
// the control API and the webhooks treat it like any other. Its webhook URL stays empty until the business subscribes
// the app (POST /{waba-id}/subscribed_apps), as Meta sends a WABA's webhooks only to subscribed apps.
public sealed class SignupStore(BusinessRegistry businesses, IOptions<MetaSandboxOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SignupSession> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SignupSession> _byCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SignupSession> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SignupSession> _byWabaId = new(StringComparer.Ordinal);
    private int _count;

    public SignupSession Start(string appId, string configId, string origin, string sessionInfoVersion)
    {
        var number = Interlocked.Increment(ref _count);
        var session = new SignupSession
        {
            Id = Ids.NewOpaque("es", 12),
            AppId = appId,
            ConfigId = configId,
            Origin = origin,
            SessionInfoVersion = sessionInfoVersion,
            WabaId = Ids.NewObjectId(),
            PhoneNumberId = Ids.NewObjectId(),
            BusinessId = Ids.NewObjectId(),
            DisplayPhoneNumber = "+1555" + Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture),
            StartedAt = time.GetUtcNow(),
            VerifiedName = $"Sandbox Business {number}",
        };
        _byId[session.Id] = session;
        return session;
    }

    public SignupSession? Find(string id) => _byId.GetValueOrDefault(id);

    public SignupSession? FindByWabaId(string wabaId) => _byWabaId.GetValueOrDefault(wabaId);

    public SignupSession? FindByToken(string? token) => token is null ? null : _byToken.GetValueOrDefault(token);

    public IEnumerable<SignupSession> All() => _byId.Values.OrderBy(s => s.StartedAt);

    // Continue: the business comes into being and the opener gets a code. Null when the popup was already answered.
    public SignupSession? Finish(string id, string? verifiedName)
    {
        if (Find(id) is not { } session)
        {
            return null;
        }
        lock (session)
        {
            if (session.State != SignupState.Pending)
            {
                return null;
            }
            var o = options.Value;
            if (!string.IsNullOrWhiteSpace(verifiedName))
            {
                session.VerifiedName = verifiedName.Trim();
            }
            session.AccessToken = Ids.NewOpaque("EAA", 48);
            session.Code = Ids.NewOpaque("AQ", 96);
            session.FinishedAt = time.GetUtcNow();
            session.CodeExpiresAt = session.FinishedAt + TimeSpan.FromSeconds(o.EmbeddedSignup.CodeLifetimeSeconds);
            session.State = SignupState.Finished;
            businesses.Register(new Business(session.WabaId, [session.PhoneNumberId], session.DisplayPhoneNumber,
                session.AccessToken, o.AppSecret, o.VerifyToken, WebhookUrl: null));
            _byWabaId[session.WabaId] = session;
            _byToken[session.AccessToken] = session;
            _byCode[session.Code] = session;
            return session;
        }
    }

    public SignupSession? Cancel(string id)
    {
        if (Find(id) is not { } session)
        {
            return null;
        }
        lock (session)
        {
            if (session.State != SignupState.Pending)
            {
                return null;
            }
            session.State = SignupState.Cancelled;
            session.FinishedAt = time.GetUtcNow();
            return session;
        }
    }

    // A code works once and only until it expires.
    public CodeExchange Exchange(string code, out SignupSession? session)
    {
        session = _byCode.GetValueOrDefault(code);
        if (session is null)
        {
            return CodeExchange.Unknown;
        }
        lock (session)
        {
            if (session.CodeUsed)
            {
                return CodeExchange.Used;
            }
            if (time.GetUtcNow() >= session.CodeExpiresAt)
            {
                return CodeExchange.Expired;
            }
            session.CodeUsed = true;
            session.TokenIssuedAt = time.GetUtcNow();
            return CodeExchange.Issued;
        }
    }
}
