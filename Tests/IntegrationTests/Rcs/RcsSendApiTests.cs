using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// The RCS send API (<c>/api/v1/conv/RCS/…</c>) as a tenant's client uses it: through the gateway with its API key,
/// against the RCS simulator, with the request kept in Redis and the provider's answer in <c>rcs_responses</c>.
/// </summary>
public sealed class RcsSendApiTests(AppFixture fixture)
{
    // What a sent message's status may read a moment later: the phone reports DELIVERED (and READ) within a second.
    private static readonly string[] AcceptedOrLater = ["accepted", "delivered", "read"];

    private readonly RcsHarness _rcs = new(fixture);
    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task ATextWithSuggestionsReachesThePhoneAndIsKept()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, client) = await TenantClientAsync(ct);
        var to = NewCapableNumber();

        using var sent = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", new
        {
            to,
            text = "Your parcel arrives today",
            suggestions = new object[] { new { text = "Track it", postbackData = "track" }, new { text = "Open site", url = "https://example.com/t" } },
        }, ct);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var answer = (await sent.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        var messageId = answer["messageId"]!.GetValue<string>();
        Assert.Equal("accepted", answer["status"]!.GetValue<string>());
        var received = Assert.Single((await _rcs.Simulator.GetFromJsonAsync<JsonArray>($"/sandbox/users/{Uri.EscapeDataString(to)}/received", ct))!);
        Assert.Equal(messageId, received!["messageId"]!.GetValue<string>());
        Assert.Equal(tenant.AgentId, received["agentId"]!.GetValue<string>());
        Assert.Equal("Your parcel arrives today", received["contentMessage"]!["text"]!.GetValue<string>());
        Assert.Equal(2, received["contentMessage"]!["suggestions"]!.AsArray().Count);

        await using var redis = await _rcs.RedisAsync();
        var kept = (string?)await redis.GetDatabase().StringGetAsync($"rcs:message:{messageId}:request");
        Assert.Contains("Your parcel arrives today", kept);
        var row = await ResponseRowAsync(tenant.Id, messageId, ct);
        Assert.Contains(row.Status, AcceptedOrLater);
        Assert.Equal((200, "text"), (row.HttpStatus, row.Type));
        Assert.Contains($"agentMessages/{messageId}", row.Response);

        using var status = await client.GetAsync($"/api/v1/conv/RCS/messages/{messageId}/status", ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains((await status.Content.ReadFromJsonAsync<JsonObject>(ct))!["status"]!.GetValue<string>(), AcceptedOrLater);
    }

    [Fact]
    public async Task AFileByUrlIsRecordedInMediaResponses()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, client) = await TenantClientAsync(ct);

        using var sent = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage",
            new { to = NewCapableNumber(), file = new { url = "https://files.example.com/invoice.pdf" } }, ct);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var messageId = (await sent.Content.ReadFromJsonAsync<JsonObject>(ct))!["messageId"]!.GetValue<string>();
        await using var db = new NpgsqlConnection(await fixture.ConnectionStringAsync(ResourceNames.RcsDatabase));
        await db.OpenAsync(ct);
        await using var query = new NpgsqlCommand("SELECT file_url, status FROM media_responses WHERE tenant_id = @t AND message_id = @m", db);
        query.Parameters.AddWithValue("t", tenant.Id);
        query.Parameters.AddWithValue("m", messageId);
        await using var reader = await query.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal(("https://files.example.com/invoice.pdf", "accepted"), (reader.GetString(0), reader.GetString(1)));
    }

    [Fact]
    public async Task ANumberThatIsNotRcsCapableIsAClear422OnSendAndOnTheCapabilityCheck()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, client) = await TenantClientAsync(ct);
        const string notCapable = "+15550007777";

        using var sent = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", new { to = notCapable, text = "hello" }, ct);
        using var capability = await client.GetAsync($"/api/v1/conv/RCS/capabilities/{Uri.EscapeDataString(notCapable)}", ct);
        using var capable = await client.GetAsync($"/api/v1/conv/RCS/capabilities/{Uri.EscapeDataString(NewCapableNumber())}", ct);

        foreach (var response in new[] { sent, capability })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var error = (await response.Content.ReadFromJsonAsync<ProviderError>(ct))!;
            Assert.Equal("NOT_RCS_CAPABLE", error.Code);
            Assert.False(error.Retryable);
            Assert.Contains($"{notCapable} is not reachable over RCS", error.Message);
        }
        Assert.Equal(HttpStatusCode.OK, capable.StatusCode);
        Assert.Contains("RICHCARD_STANDALONE", await capable.Content.ReadAsStringAsync(ct));
        var failed = await client.GetFromJsonAsync<JsonObject>($"/api/v1/conv/RCS/messages/{await FailedMessageIdAsync(tenant.Id, notCapable, ct)}/status", ct);
        Assert.Equal("failed", failed!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThrottlingAndProviderOutagesAreRetryableWithTheProvidersMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await TenantClientAsync(ct);
        var throttled = NewCapableNumber();
        var down = NewCapableNumber();
        await FaultAsync(throttled, 429, "Quota exceeded for agent messages", ct, retryAfterSeconds: 7);
        await FaultAsync(down, 503, "The service is currently unavailable", ct);

        using var slow = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", new { to = throttled, text = "hi" }, ct);
        using var gone = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", new { to = down, text = "hi" }, ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, slow.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), slow.Headers.RetryAfter?.Delta);
        var slowError = (await slow.Content.ReadFromJsonAsync<ProviderError>(ct))!;
        Assert.True(slowError.Retryable);
        Assert.Equal("Quota exceeded for agent messages", slowError.Message);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        var goneError = (await gone.Content.ReadFromJsonAsync<ProviderError>(ct))!;
        Assert.True(goneError.Retryable);
        Assert.Equal(503, goneError.HttpStatus);
        Assert.Equal("The service is currently unavailable", goneError.Message);
    }

    [Fact]
    public async Task BadInputIsA400NamingTheFields()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await TenantClientAsync(ct);

        using var noNumber = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", new { to = "15551234567", text = new string('x', 3073) }, ct);
        using var twoContents = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage",
            new { to = NewCapableNumber(), text = "a", file = new { url = "ftp://x" } }, ct);
        using var badCard = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage",
            new { to = NewCapableNumber(), richCard = new { carouselCard = new { cardWidth = "SMALL", cardContents = new[] { new { title = "only one" } } } } }, ct);
        using var badNumber = await client.GetAsync("/api/v1/conv/RCS/capabilities/12345", ct);

        Assert.Equal(HttpStatusCode.BadRequest, noNumber.StatusCode);
        var errors = (await noNumber.Content.ReadFromJsonAsync<ValidationProblemDetails>(ct))!.Errors;
        Assert.Equal(["text", "to"], errors.Keys.Order());
        Assert.Equal(HttpStatusCode.BadRequest, twoContents.StatusCode);
        Assert.Contains("file.url", (await twoContents.Content.ReadFromJsonAsync<ValidationProblemDetails>(ct))!.Errors.Keys);
        // The provider checks a rich card itself; its refusal is the caller's input too.
        Assert.Equal(HttpStatusCode.BadRequest, badCard.StatusCode);
        Assert.Contains("card", (await badCard.Content.ReadFromJsonAsync<ProblemDetails>(ct))!.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
    }

    [Fact]
    public async Task UnknownKeysAreRefusedAndATenantWithoutRcsGetsAConflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = new { to = NewCapableNumber(), text = "hi" };
        using var anonymous = _gateway.Client();
        using var bogus = _gateway.Client("wag_not-a-real-key");
        var (_, otherKey) = await _gateway.CreateTenantWithKeyAsync(ct);
        using var withoutRcs = _gateway.Client(otherKey);

        using var noKey = await anonymous.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", body, ct);
        using var unknownKey = await bogus.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", body, ct);
        using var notConfigured = await withoutRcs.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", body, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notConfigured.StatusCode);
        Assert.Equal("RCS_NOT_CONFIGURED", (await notConfigured.Content.ReadFromJsonAsync<ProviderError>(ct))!.Code);
    }

    [Fact]
    public async Task AnotherTenantCannotReadTheStatusAndARetriedKeyIsNotSentTwice()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await TenantClientAsync(ct);
        var to = NewCapableNumber();
        var request = new { to, text = "once", idempotencyKey = "order-42" };

        using var first = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", request, ct);
        using var again = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", request, ct);
        var messageId = (await first.Content.ReadFromJsonAsync<JsonObject>(ct))!["messageId"]!.GetValue<string>();

        Assert.Equal(messageId, (await again.Content.ReadFromJsonAsync<JsonObject>(ct))!["messageId"]!.GetValue<string>());
        Assert.Single((await _rcs.Simulator.GetFromJsonAsync<JsonArray>($"/sandbox/users/{Uri.EscapeDataString(to)}/received", ct))!);
        var (_, otherKey) = await _gateway.CreateTenantWithKeyAsync(ct);
        using var other = _gateway.Client(otherKey);
        using var peek = await other.GetAsync($"/api/v1/conv/RCS/messages/{messageId}/status", ct);
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneIdempotencyKeySendOneMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await TenantClientAsync(ct);
        var to = NewCapableNumber();
        var request = new { to, text = "exactly once", idempotencyKey = "burst-1" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", request, ct)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonObject>(ct))!["messageId"]?.GetValue<string>()));
        var sentId = Assert.Single(ids.OfType<string>().Distinct());
        var received = Assert.Single((await _rcs.Simulator.GetFromJsonAsync<JsonArray>($"/sandbox/users/{Uri.EscapeDataString(to)}/received", ct))!);
        Assert.Equal(sentId, received!["messageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnExpiredTokenIsRegeneratedAndTheSendRetriedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tenant, client) = await TenantClientAsync(ct);
        (await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", new { to = NewCapableNumber(), text = "first" }, ct)).EnsureSuccessStatusCode();

        await _rcs.ControlAsync(tenant, "tokens/expire", ct);
        using var second = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", new { to = NewCapableNumber(), text = "second" }, ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, await _rcs.ExchangesAsync(tenant, "refresh_token", ct));
    }

    [Fact]
    public async Task ReceiptsThatComeBeforeTheProvidersAnswerStillMoveTheStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await TenantClientAsync(ct);
        var to = NewCapableNumber();
        // The provider accepts at once but its answer takes two seconds to come back, so the phone's DELIVERED and
        // READ (100 and 200 ms after acceptance) reach our webhook before the message's row is written.
        using (var fault = await _rcs.Simulator.PostAsJsonAsync("/sandbox/faults",
                   new { path = $"/v1/phones/*{to[1..]}/agentMessages", method = "POST", answerLatencyMs = 2000, count = 1 }, ct))
        {
            fault.EnsureSuccessStatusCode();
        }

        using var sent = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", new { to, text = "Answered slowly" }, ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var messageId = (await sent.Content.ReadFromJsonAsync<JsonObject>(ct))!["messageId"]!.GetValue<string>();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? status;
        while ((status = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/conv/RCS/messages/{messageId}/status", ct))!["status"]!.GetValue<string>()) != "read")
        {
            Assert.True(DateTime.UtcNow < deadline, $"The status is still {status}: the receipts that came first were lost.");
            await Task.Delay(200, ct);
        }
    }

    private async Task<(RcsTenant Tenant, HttpClient Client)> TenantClientAsync(CancellationToken ct)
    {
        var tenant = await _rcs.CreateTenantAsync(ct);
        var key = (await _gateway.CreateApiKeyAsync(tenant.Id, ct)).ApiKey;
        return (tenant, _gateway.Client(key));
    }

    private async Task FaultAsync(string msisdn, int status, string message, CancellationToken ct, int? retryAfterSeconds = null)
    {
        using var response = await _rcs.Simulator.PostAsJsonAsync("/sandbox/faults",
            new { path = $"/v1/phones/*{msisdn[1..]}/agentMessages", method = "POST", status, count = 1, message, retryAfterSeconds }, ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task<(string Status, int HttpStatus, string Type, string? Response)> ResponseRowAsync(string tenantId, string messageId, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(await fixture.ConnectionStringAsync(ResourceNames.RcsDatabase));
        await db.OpenAsync(ct);
        await using var query = new NpgsqlCommand(
            "SELECT status, http_status, message_type, response::text FROM rcs_responses WHERE tenant_id = @t AND message_id = @m", db);
        query.Parameters.AddWithValue("t", tenantId);
        query.Parameters.AddWithValue("m", messageId);
        await using var reader = await query.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        return (reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private async Task<string> FailedMessageIdAsync(string tenantId, string recipient, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(await fixture.ConnectionStringAsync(ResourceNames.RcsDatabase));
        await db.OpenAsync(ct);
        await using var query = new NpgsqlCommand("SELECT message_id FROM rcs_responses WHERE tenant_id = @t AND recipient = @r AND status = 'failed'", db);
        query.Parameters.AddWithValue("t", tenantId);
        query.Parameters.AddWithValue("r", recipient);
        return (string)(await query.ExecuteScalarAsync(ct))!;
    }

    // +1 555 701 xxxx xx: capable under the simulator's rule (only +1555000… is not), and no other test's number.
    private static string NewCapableNumber() => "+1555701" + RandomNumberGenerator.GetInt32(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
