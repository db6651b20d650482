using System.Globalization;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>A simulated customer writing to one tenant's WhatsApp number.</summary>
public sealed record Sender(string TenantId, string PhoneNumberId, string WaId, string ProfileName)
{
    /// <summary>The sandbox demo tenant (the AppHost seeds it with the simulators' default identifiers).</summary>
    public const string DemoTenant = "demo";
    public const string DemoPhoneNumberId = "106540352242922";
    public const string DemoWabaId = "102290129340398";
    public const string DemoDisplayPhoneNumber = "+15550783881";
    public const string DemoAppSecret = "sandbox-meta-app-secret";

    /// <summary>
    /// <paramref name="count"/> customers of the demo tenant, numbered under a prefix per purpose so runs never share a
    /// customer by accident: 1555 + 3-digit series + 4-digit index (an 11-digit wa_id like a US number).
    /// </summary>
    public static IReadOnlyList<Sender> DemoCustomers(int series, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Sender(DemoTenant, DemoPhoneNumberId,
            string.Create(CultureInfo.InvariantCulture, $"1555{series:D3}{i:D4}"), $"Customer {i}"))];
}
