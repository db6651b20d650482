using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.IntegrationTests.Inbound;
using static WhatsAppGenesys.IntegrationTests.Portal.HistoryDesk;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>The right to be forgotten: a customer's rows, objects and contact go, an audit row without content stays.</summary>
[Collection(nameof(ConversationHistoryCollection))]
public sealed class HistoryErasureTests(AppFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 9, 8, 4];
    private readonly HistoryDesk _desk = new(fixture);

    [Fact]
    public async Task ErasureRemovesTheCustomersRowsMediaRawWebhooksAndContactAndLeavesAnAuditRow()
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);
        var customer = Sandboxes.NewCustomer();
        var bystander = Sandboxes.NewCustomer();
        await _desk.Agents.Sandboxes.CustomerSendsAsync(customer,
            new { type = "image", media = new { base64 = Convert.ToBase64String(Png), mimeType = "image/png", caption = "my passport" } });
        await _desk.Agents.Sandboxes.WaitForAgentMessagesAsync(customer, 1);
        var genesysConversation = (await _desk.Agents.Sandboxes.ConversationAsync(customer))!["id"]!.GetValue<string>();
        await _desk.Agents.AgentSendsAsync(genesysConversation,
            new { text = "Here is your label", attachment = new { base64 = Convert.ToBase64String(Png), mime = "image/png", filename = "label.png" } });
        await _desk.Agents.Sandboxes.CustomerSendsAsync(bystander, new { type = "text", text = "I stay" });
        var history = await WaitForAsync(portal, CustomerMessages(customer),
            // Read is the sandbox's last status: nothing about these messages is still on its way when they are erased.
            items => items.Count(m => m["media"] is not null) == 2
                && items.Where(m => Str(m, "direction") == "outbound").All(m => m["status"]?.GetValue<string>() == "read"), ct);
        await WaitForAsync(portal, CustomerMessages(bystander), items => items.Count == 1, ct);

        var mediaLinks = history.Where(m => m["media"] is not null).Select(m => Str(m["media"]!.AsObject(), "url")).ToList();
        using var download = new HttpClient();
        foreach (var link in mediaLinks)
        {
            Assert.Equal(Png, await download.GetByteArrayAsync(link, ct));
        }
        var archives = await ArchivedWebhooksAsync(customer, ct);
        Assert.Contains(archives, a => a.Bucket == Buckets.WebhooksInbound);
        Assert.Contains(archives, a => a.Bucket == Buckets.WebhooksGenesys);
        foreach (var (bucket, key) in archives)
        {
            Assert.Contains(key, await fixture.ListS3KeysAsync(bucket, key));
        }

        // The customer is also a contact who opted out: only the number and the opt-out stay, so it is still honoured.
        using var created = await portal.PostAsJsonAsync("/api/v1/portal/contacts",
            new { phone = "+" + customer, name = "To be forgotten", tags = new[] { "vip" }, attributes = new Dictionary<string, string> { ["city"] = "Lyon" } }, ct);
        created.EnsureSuccessStatusCode();
        var contactId = (await created.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
        using (var optOut = await portal.PostAsJsonAsync($"/api/v1/portal/contacts/{contactId}/opt-out", new { note = "asked by phone" }, ct))
        {
            optOut.EnsureSuccessStatusCode();
        }

        using var erase = await portal.DeleteAsync($"/api/v1/portal/customers/%2B{customer}/history", ct);

        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var result = (await erase.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Equal(history.Count, result["messagesDeleted"]!.GetValue<int>());
        Assert.Equal(2, result["mediaObjectsDeleted"]!.GetValue<int>());
        Assert.True(result["statusesDeleted"]!.GetValue<int>() > 0);
        Assert.Equal((0, 1), (result["contactsDeleted"]!.GetValue<int>(), result["optOutsKept"]!.GetValue<int>()));
        var kept = (await portal.GetFromJsonAsync<JsonObject>($"/api/v1/portal/contacts/{contactId}", ct))!;
        Assert.Equal(("+" + customer, "opted_out"), (Str(kept, "phone"), kept["consent"]!["status"]!.GetValue<string>()));
        Assert.Null(kept["name"]);
        Assert.Empty(kept["tags"]!.AsArray());
        Assert.Empty(kept["attributes"]!.AsObject());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(portal, CustomerMessages(customer), ct)).Status);
        // The still-valid links now find nothing: the objects themselves are gone, as are the raw webhooks.
        foreach (var link in mediaLinks)
        {
            using var gone = await download.GetAsync(link, ct);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        foreach (var (bucket, key) in archives)
        {
            Assert.DoesNotContain(key, await fixture.ListS3KeysAsync(bucket, key));
        }
        Assert.Equal(0, await CountRowsAsync("history_message_statuses", customer, ct));
        Assert.Single(await WaitForAsync(portal, CustomerMessages(bystander), items => items.Count == 1, ct));

        // The audit row: who, when, how much — the customer only as a hash.
        await using var db = await _desk.PortalDatabaseAsync(ct);
        await using var audit = new Npgsql.NpgsqlCommand(
            "SELECT tenant_id, customer_hash, messages_deleted, media_objects_deleted, archive_objects_deleted, requested_by, requested_at FROM history_erasures WHERE id = $1", db);
        audit.Parameters.AddWithValue(result["auditId"]!.GetValue<long>());
        await using var row = await audit.ExecuteReaderAsync(ct);
        Assert.True(await row.ReadAsync(ct));
        Assert.Equal(DemoTenant, row.GetString(0));
        Assert.Matches("^[0-9a-f]{64}$", row.GetString(1));
        Assert.DoesNotContain(customer, row.GetString(1));
        Assert.Equal((history.Count, 2, archives.Select(a => a.Key).Distinct().Count()), (row.GetInt32(2), row.GetInt32(3), row.GetInt32(4)));
        Assert.StartsWith("api-key:", row.GetString(5));
        Assert.True(row.GetFieldValue<DateTimeOffset>(6) > DateTimeOffset.UtcNow.AddMinutes(-5));

        // The audit as an auditor reads it through the API, found by the customer without storing who they are.
        var entries = (await portal.GetFromJsonAsync<JsonObject>($"/api/v1/portal/erasures?customer=%2B{customer}", ct))!["items"]!.AsArray();
        var entry = Assert.Single(entries)!.AsObject();
        Assert.Equal(result["auditId"]!.GetValue<long>(), entry["auditId"]!.GetValue<long>());
        Assert.Equal(row.GetString(1), Str(entry, "customerHash"));
        Assert.Equal((history.Count, 1), (entry["messagesDeleted"]!.GetValue<int>(), entry["optOutsKept"]!.GetValue<int>()));
        Assert.StartsWith("api-key:", Str(entry, "requestedBy"));
    }

    [Fact]
    public async Task ErasingAContactWhoDidNotOptOutDeletesItAndItsConsentHistory()
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);
        var customer = Sandboxes.NewCustomer();
        using var created = await portal.PostAsJsonAsync("/api/v1/portal/contacts", new { phone = "+" + customer, name = "Only a contact" }, ct);
        created.EnsureSuccessStatusCode();
        var contactId = (await created.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();

        using var erase = await portal.DeleteAsync($"/api/v1/portal/customers/{customer}/history", ct);

        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var result = (await erase.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Equal((0, 1, 1, 0), (result["messagesDeleted"]!.GetValue<int>(), result["contactsDeleted"]!.GetValue<int>(),
            result["consentEventsDeleted"]!.GetValue<int>(), result["optOutsKept"]!.GetValue<int>()));
        using var contact = await portal.GetAsync($"/api/v1/portal/contacts/{contactId}", ct);
        Assert.Equal(HttpStatusCode.NotFound, contact.StatusCode);
    }

    /// <summary>The raw webhooks the customer's messages came in (read from portaldb: the API does not show them).</summary>
    private async Task<List<(string Bucket, string Key)>> ArchivedWebhooksAsync(string customer, CancellationToken ct)
    {
        await using var db = await _desk.PortalDatabaseAsync(ct);
        await using var query = new Npgsql.NpgsqlCommand(
            "SELECT DISTINCT archive_bucket, archive_key FROM history_messages WHERE tenant_id = 'demo' AND customer_id = $1 AND archive_key IS NOT NULL", db);
        query.Parameters.AddWithValue(customer);
        await using var reader = await query.ExecuteReaderAsync(ct);
        var archives = new List<(string, string)>();
        while (await reader.ReadAsync(ct))
        {
            archives.Add((reader.GetString(0), reader.GetString(1)));
        }
        return archives;
    }

    private async Task<long> CountRowsAsync(string table, string customer, CancellationToken ct)
    {
        await using var db = await _desk.PortalDatabaseAsync(ct);
        await using var count = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM {table} WHERE tenant_id = 'demo' AND customer_id = $1", db);
        count.Parameters.AddWithValue(customer);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }
}
