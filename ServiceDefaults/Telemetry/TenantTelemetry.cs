using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace WhatsAppGenesys.ServiceDefaults;

/// <summary>
/// The one way every service attaches a tenant to what it emits: a logging scope (so every log line inside carries
/// <c>TenantId</c>), the current trace span's <c>tenant.id</c> tag, and the tag list for metrics.
/// </summary>
public static class TenantTelemetry
{
    public const string TagName = "tenant.id";

    /// <summary>Opens a logging scope for the tenant and tags the current span. Dispose it when the work for that tenant ends.</summary>
    public static IDisposable? BeginTenantScope(this ILogger logger, string tenantId)
    {
        Activity.Current?.SetTag(TagName, tenantId);
        return logger.BeginScope(new TenantScope(tenantId));
    }

    /// <summary>The tag to add to every metric measurement made on behalf of a tenant.</summary>
    public static KeyValuePair<string, object?> Tag(string tenantId) => new(TagName, tenantId);

    // A scope type of our own (rather than a dictionary) keeps the property name fixed and the allocation small.
    private sealed class TenantScope(string tenantId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new("TenantId", tenantId) : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => 1;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"TenantId:{tenantId}";
    }
}
