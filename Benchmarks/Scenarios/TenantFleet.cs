using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// The scaling set-up: <c>tenants - 1</c> tenants besides the demo one, each with its own WhatsApp number, Meta app
/// secret, Genesys integration and OAuth client, registered where a real operator would (the Meta sandbox's
/// businesses, the Genesys sandbox's integrations, our tenant service's API with the operator key); then the known
/// conversations, spread evenly over the tenants.
/// </summary>
public sealed class TenantFleet(RunningSystem system, BenchmarkOptions options, Action<string> log)
{
    public sealed record Setup(IReadOnlyList<Sender> ActiveSenders, int Tenants, long Conversations, TimeSpan TenantsTook, TimeSpan ConversationsTook);

    public async Task<Setup> CreateAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var meta = system.Client(ServiceNames.MetaSandbox);
        var genesys = system.Client(ServiceNames.GenesysSandbox);
        var tenantService = system.Client(ServiceNames.TenantService, system.AdminApiKey);
        var webhookUrl = new Uri(system.Endpoint(ServiceNames.WhatsAppWebhook), "/webhook/whatsapp").ToString();
        var genesysWebhookUrl = new Uri(system.Endpoint(ServiceNames.GenesysWebhook), "/webhook/genesys").ToString();

        var tenants = Enumerable.Range(1, options.Tenants - 1).Select(FleetTenant.Create).ToList();
        log($"tenants: registering {tenants.Count} tenants at both simulators and the tenant service");
        var done = 0;
        await Parallel.ForEachAsync(tenants, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (t, ct) =>
        {
            using (var business = await meta.PostAsJsonAsync("/sandbox/businesses", new
            {
                wabaId = t.WabaId,
                phoneNumberIds = new[] { t.PhoneNumberId },
                displayPhoneNumber = t.DisplayPhoneNumber,
                accessToken = t.AccessToken,
                appSecret = t.AppSecret,
                verifyToken = t.VerifyToken,
                webhookUrl,
            }, ct))
            {
                business.EnsureSuccessStatusCode();
            }
            using (var integration = await genesys.PostAsJsonAsync("/sandbox/integrations", new
            {
                integrationId = t.IntegrationId,
                webhookUrl = genesysWebhookUrl,
                webhookSecret = t.WebhookSecret,
                clientId = t.ClientId,
                clientSecret = t.ClientSecret,
                name = $"Benchmark tenant {t.Index}",
            }, ct))
            {
                integration.EnsureSuccessStatusCode();
            }
            using (var created = await tenantService.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(
                t.Id, $"Benchmark tenant {t.Index}",
                new WhatsAppConfigRequest(t.WabaId, [t.PhoneNumberId], t.DisplayPhoneNumber, "v23.0", t.AccessToken, t.AppSecret, t.VerifyToken),
                new GenesysConfigRequest("mypurecloud.com", t.ClientId, t.IntegrationId, t.ClientSecret, t.WebhookSecret)), ct))
            {
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"Creating tenant {t.Id} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(ct)}");
                }
            }
            if (Interlocked.Increment(ref done) % 250 == 0)
            {
                log($"  {done}/{tenants.Count} tenants");
            }
        });
        var tenantsTook = clock.Elapsed;

        // Demo tenant first, so tenant index t is the same in the SQL below and in ActiveSenders.
        var all = new List<(string Id, string PhoneNumberId, string Display)> { (Sender.DemoTenant, Sender.DemoPhoneNumberId, Sender.DemoDisplayPhoneNumber) };
        all.AddRange(tenants.Select(t => (t.Id, t.PhoneNumberId, t.DisplayPhoneNumber)));
        var perTenant = Math.Max(1, options.Conversations / options.Tenants);
        clock.Restart();
        var inserted = await InsertConversationsAsync(all, perTenant, cancellationToken);
        var conversationsTook = clock.Elapsed;
        log($"  {tenants.Count} tenants in {tenantsTook.TotalSeconds:0.0} s; {inserted:N0} conversations in {conversationsTook.TotalSeconds:0.0} s");

        // The active customers: as many as in the single-tenant run, spread round-robin over every tenant, each one
        // a known conversation (its mapping is in PostgreSQL, not yet in the Redis cache).
        var active = Enumerable.Range(0, options.Customers).Select(j =>
        {
            var (id, phone, _) = all[j % all.Count];
            var customer = (j / all.Count) % perTenant;
            return new Sender(id, phone, CustomerNumber(j % all.Count, customer), $"Customer {customer}");
        }).ToList();
        return new Setup(active, all.Count, inserted, tenantsTook, conversationsTook);
    }

    /// <summary>1556 + 4-digit tenant index + 3-digit customer index: 11 digits, apart from the other runs' numbers.</summary>
    public static string CustomerNumber(int tenant, int customer) =>
        string.Create(CultureInfo.InvariantCulture, $"1556{tenant:D4}{customer:D3}");

    /// <summary>
    /// Straight into statedb with one INSERT … SELECT (seconds, against minutes through 100,000 POST /state/mapping
    /// calls, which would also put every mapping in the Redis cache: the scaling run should meet a cold cache).
    /// </summary>
    private async Task<long> InsertConversationsAsync(List<(string Id, string PhoneNumberId, string Display)> tenants, int perTenant, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionStringAsync(ResourceNames.StateDatabase));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO conversation_mappings
                (tenant_id, customer_id, conversation_id, wa_id, contact_name, phone_number_id, display_phone_number, created_at, last_activity_at)
            SELECT t.id,
                   '1556' || lpad((t.n - 1)::text, 4, '0') || lpad(c::text, 3, '0'),
                   gen_random_uuid(),
                   '1556' || lpad((t.n - 1)::text, 4, '0') || lpad(c::text, 3, '0'),
                   'Customer ' || c, t.phone, t.display, now(), now()
            FROM unnest(@ids, @phones, @displays) WITH ORDINALITY AS t(id, phone, display, n)
            CROSS JOIN generate_series(0, @perTenant - 1) AS c
            ON CONFLICT (tenant_id, customer_id) DO NOTHING
            """, connection)
        {
            CommandTimeout = 600,
        };
        command.Parameters.AddWithValue("ids", tenants.Select(t => t.Id).ToArray());
        command.Parameters.AddWithValue("phones", tenants.Select(t => t.PhoneNumberId).ToArray());
        command.Parameters.AddWithValue("displays", tenants.Select(t => t.Display).ToArray());
        command.Parameters.AddWithValue("perTenant", perTenant);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record FleetTenant(int Index, string Id, string WabaId, string PhoneNumberId, string DisplayPhoneNumber,
        string AccessToken, string AppSecret, string VerifyToken, string IntegrationId, string ClientId, string ClientSecret, string WebhookSecret)
    {
        public static FleetTenant Create(int index)
        {
            var n = index.ToString("D4", CultureInfo.InvariantCulture);
            return new FleetTenant(index, $"bench-{n}", $"90000000{n}", $"70000000{n}", $"+1555077{n}",
                $"bench-meta-token-{n}", $"bench-meta-secret-{n}", $"bench-verify-{n}",
                string.Create(CultureInfo.InvariantCulture, $"b0000000-0000-4000-8000-{index:D12}"),
                $"bench-client-{n}", $"bench-genesys-secret-{n}", $"bench-genesys-webhook-{n}");
        }
    }
}
