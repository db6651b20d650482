using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.MetaSandbox.Model;

// Every business the simulator knows: the configured default one plus those registered at run time
// (the benchmark registers up to 1,000). Lookups are by phone number id, the key Meta routes on.
public sealed class BusinessRegistry
{
    private readonly ConcurrentDictionary<string, Business> _byPhoneNumberId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Business> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Business> _byWabaId = new(StringComparer.Ordinal);

    public BusinessRegistry(IOptions<MetaSandboxOptions> options)
    {
        var o = options.Value;
        string[] phoneNumberIds = o.PhoneNumberIds.Length > 0 ? [.. o.PhoneNumberIds.Distinct()] : [MetaSandboxOptions.DefaultPhoneNumberId];
        Default = new Business(o.WabaId, phoneNumberIds, o.DisplayPhoneNumber, o.AccessToken, o.AppSecret,
            o.VerifyToken, string.IsNullOrWhiteSpace(o.WebhookUrl) ? null : o.WebhookUrl);
        Register(Default);
    }

    public Business Default { get; }

    public int Count => _byPhoneNumberId.Values.Select(b => b.WabaId).Distinct().Count();

    public void Register(Business business)
    {
        foreach (var phoneNumberId in business.PhoneNumberIds)
        {
            _byPhoneNumberId[phoneNumberId] = business;
        }
        _byToken[business.AccessToken] = business;
        _byWabaId[business.WabaId] = business;
    }

    public Business? FindByPhoneNumberId(string phoneNumberId) =>
        _byPhoneNumberId.TryGetValue(phoneNumberId, out var business) ? business : null;

    // The WhatsApp Business Management API (templates) addresses the account, not a phone number.
    public Business? FindByWabaId(string wabaId) => _byWabaId.GetValueOrDefault(wabaId);

    public Business? FindByToken(string token) => _byToken.GetValueOrDefault(token);

    public bool IsKnownToken(string? token) => token is not null && _byToken.ContainsKey(token);

    public static bool TokenMatches(Business business, string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(business.AccessToken), Encoding.UTF8.GetBytes(presented));
}
