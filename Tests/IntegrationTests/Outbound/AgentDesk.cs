using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using WhatsAppGenesys.IntegrationTests.Inbound;

namespace WhatsAppGenesys.IntegrationTests.Outbound;

/// <summary>
/// The outbound side of the two simulators: an agent answers in the Genesys sandbox, and we look at what the customer
/// got in the Meta sandbox and at the receipts the agent's message collected in Genesys.
/// </summary>
public sealed class AgentDesk(AppFixture fixture)
{
    public const string IntegrationId = "8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92";

    private readonly Sandboxes _sandboxes = new(fixture);

    private HttpClient Meta => fixture.Client("meta-sandbox");

    private HttpClient Genesys => fixture.Client("genesys-sandbox");

    public Sandboxes Sandboxes => _sandboxes;

    /// <summary>A fresh customer writes first (so a conversation exists); returns the Genesys conversation id.</summary>
    public async Task<string> CustomerOpensConversationAsync(string customer, object? message = null)
    {
        await _sandboxes.CustomerSendsAsync(customer, message ?? new { type = "text", text = "Hello, can someone help me?" });
        await _sandboxes.WaitForAgentMessagesAsync(customer, 1);
        return (await _sandboxes.ConversationAsync(customer))!["id"]!.GetValue<string>();
    }

    /// <summary>The agent sends (text, attachment, quickReplies, notification or typing); returns the Genesys message id.</summary>
    public async Task<string> AgentSendsAsync(string conversationId, object message)
    {
        using var response = await Genesys.PostAsJsonAsync($"/sandbox/conversations/{conversationId}/agent-messages", message);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>What the business sent the customer, in order: <c>wamid</c>, request <c>body</c>, <c>status</c>, <c>errorCode</c>.</summary>
    public async Task<List<JsonObject>> CustomerReceivedAsync(string customer) =>
        (await Meta.GetFromJsonAsync<JsonArray>($"/sandbox/customers/{customer}/messages"))!.Select(m => m!.AsObject()).ToList();

    public async Task<List<JsonObject>> WaitForCustomerMessagesAsync(string customer, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        List<JsonObject> received;
        while ((received = await CustomerReceivedAsync(customer)).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The customer got {received.Count} of {count} messages. {await WhereTheyWentAsync(customer)}");
            }
            await Task.Delay(200);
        }
        return received;
    }

    /// <summary>
    /// For a timeout's message: what Genesys sent towards the customer (and whether its webhook reached us), every
    /// Genesys conversation of that number, what our ledger recorded for the customer (a wamid there names the number
    /// Meta sent it to), and who the Meta simulator knows by that number, so a failure says at which hop the message
    /// stopped.
    /// </summary>
    private async Task<string> WhereTheyWentAsync(string customer)
    {
        var outbound = (await _sandboxes.ConversationAsync(customer))?["messages"]?.AsArray()
            .Where(m => m?["direction"]?.GetValue<string>() == "Outbound").Select(m => m!.ToJsonString()) ?? [];
        var conversations = await Genesys.GetStringAsync($"/sandbox/conversations?customerId=%2B{customer}");
        using var meta = await Meta.GetAsync($"/sandbox/customers/{customer}");
        var known = meta.IsSuccessStatusCode ? await meta.Content.ReadAsStringAsync() : $"{(int)meta.StatusCode}";
        var said = $"Genesys sent: [{string.Join(", ", outbound)}]. Genesys conversations of +{customer}: {conversations}. " +
            $"Our ledger: [{string.Join(", ", await LedgerRowsAsync(customer))}]. Meta knows the customer as: {known}";
        return said.Length > 6000 ? said[..6000] + "…" : said;
    }

    private async Task<List<string>> LedgerRowsAsync(string customer)
    {
        await using var db = new NpgsqlConnection(await fixture.ConnectionStringAsync("statedb"));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT tenant_id, direction, message_id, genesys_message_id, wamid, status, status_reason, conversation_id " +
            "FROM message_tracking WHERE customer_id = @customer ORDER BY id", db);
        command.Parameters.AddWithValue("customer", customer);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString())));
        }
        return rows;
    }

    /// <summary>The customer as the Meta sandbox sees them, including their messages' <c>readByBusiness</c> and <c>typingIndicatorShown</c>.</summary>
    public async Task<JsonObject> CustomerAsync(string customer) =>
        (await Meta.GetFromJsonAsync<JsonObject>($"/sandbox/customers/{customer}"))!;

    /// <summary>The agent's message in the Genesys conversation view (delivery attempts, receipts, payload).</summary>
    public async Task<JsonObject?> AgentMessageAsync(string customer, string messageId) =>
        (await _sandboxes.ConversationAsync(customer))?["messages"]?.AsArray().Select(m => m!.AsObject())
            .FirstOrDefault(m => m["direction"]?.GetValue<string>() == "Outbound" &&
                (m["channelMessageId"]?.GetValue<string>() == messageId || m["id"]?.GetValue<string>() == messageId));

    /// <summary>Waits for a receipt with the given status on the agent's message; returns it.</summary>
    public async Task<JsonObject> WaitForReceiptAsync(string customer, string messageId, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (true)
        {
            var receipts = (await AgentMessageAsync(customer, messageId))?["receipts"]?.AsArray().Select(r => r!.AsObject()).ToList() ?? [];
            if (receipts.FirstOrDefault(r => r["status"]?.GetValue<string>() == status) is { } receipt)
            {
                return receipt;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {status} receipt for {messageId}; receipts: {string.Join(", ", receipts.Select(r => r.ToJsonString()))}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Posts a body to our Genesys webhook through the sandbox, signed with the integration's secret unless told otherwise.</summary>
    public async Task<int> PostRawWebhookAsync(string body, string? signature = null)
    {
        using var response = await Genesys.PostAsJsonAsync("/sandbox/webhooks/raw", new { body, integrationId = IntegrationId, signature });
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonObject>();
        return result!["status"]?.GetValue<int>() ?? throw new InvalidOperationException($"The webhook was not answered: {result.ToJsonString()}");
    }

    /// <summary>Adds a fault rule at the Meta sandbox; returns its id, for <see cref="RemoveMetaFaultAsync"/>.</summary>
    public async Task<string> InjectMetaFaultAsync(object rule)
    {
        using var response = await Meta.PostAsJsonAsync("/sandbox/faults", rule);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>Removes one rule, leaving other tests' rules in force (unlike <see cref="ClearMetaFaultsAsync"/>).</summary>
    public async Task RemoveMetaFaultAsync(string id)
    {
        using var response = await Meta.DeleteAsync($"/sandbox/faults/{id}");
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearMetaFaultsAsync()
    {
        using var response = await Meta.DeleteAsync("/sandbox/faults");
        response.EnsureSuccessStatusCode();
    }

    public async Task MarkUnreachableAsync(string customer)
    {
        using var response = await Meta.PostAsJsonAsync($"/sandbox/customers/{customer}/unreachable", new { delivery = "webhook" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Lets the pipeline finish anything still in flight before asserting that nothing (more) arrived.</summary>
    public static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

    public static string Type(JsonObject sent) => sent["body"]!["type"]!.GetValue<string>();

    public static string? ReceiptReason(JsonObject receipt) => receipt["reasons"]?.AsArray().FirstOrDefault()?["code"]?.GetValue<string>();
}
