using System.Collections.Concurrent;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// What a partner did after the signup, for tests to assert: which WABAs subscribed the app and which phone numbers
// were registered for Cloud API. Kept for every business, not only signed-up ones. The PIN is not kept.
public sealed class OnboardingRecords
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _subscribed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _registered = new(StringComparer.Ordinal);

    public void Subscribed(string wabaId, DateTimeOffset at) => _subscribed.TryAdd(wabaId, at);

    public DateTimeOffset? SubscribedAt(string wabaId) => _subscribed.TryGetValue(wabaId, out var at) ? at : null;

    public void Registered(string phoneNumberId, DateTimeOffset at) => _registered.TryAdd(phoneNumberId, at);

    public DateTimeOffset? RegisteredAt(string phoneNumberId) => _registered.TryGetValue(phoneNumberId, out var at) ? at : null;
}
