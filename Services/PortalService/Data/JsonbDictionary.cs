using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WhatsAppGenesys.PortalService.Data;

/// <summary>
/// Stores a string-to-string dictionary as a <c>jsonb</c> object, so SQL can filter on it with <c>@&gt;</c> (containment,
/// served by a GIN index) and merge into it with <c>||</c>.
/// </summary>
internal static class JsonbDictionary
{
    private static readonly ValueComparer<Dictionary<string, string>> Comparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        d => d.Aggregate(0, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value)),
        d => new Dictionary<string, string>(d));

    public static PropertyBuilder<Dictionary<string, string>> IsJsonbDictionary(this PropertyBuilder<Dictionary<string, string>> property) =>
        property
            .HasConversion(d => Serialize(d), json => Deserialize(json), Comparer)
            .HasColumnType("jsonb");

    public static string Serialize(IReadOnlyDictionary<string, string>? dictionary) =>
        JsonSerializer.Serialize(dictionary ?? new Dictionary<string, string>());

    public static Dictionary<string, string> Deserialize(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
