using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// Message templates through the gateway against the Meta sandbox: created at Meta with the tenant's token, moved on
/// by Meta's signed status webhooks (whatsapp-webhook → template-status pipeline → portal-service), synced page by
/// page, deleted, and validated for sends. Each tenant has a WABA of its own at the sandbox.
/// </summary>
public sealed class PortalTemplatesTests(AppFixture fixture)
{
    private const string Templates = "/api/v1/portal/templates";

    [Fact]
    public async Task ACreatedTemplateIsPendingThenApprovedByMetasStatusWebhook()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct);
        var name = TemplateTenant.NewName("order_update");

        var created = await tenant.CreateTemplateAsync(name, ct);

        Assert.Equal("PENDING", created["status"]!.GetValue<string>());
        Assert.Equal("UTILITY", created["category"]!.GetValue<string>());
        Assert.Equal("BODY", created["components"]![0]!["type"]!.GetValue<string>());
        Assert.Contains(name, await tenant.NamesAtMetaAsync(ct));
        // No sync runs here: only the status webhook can move it on.
        var approved = await tenant.WaitForStatusAsync(name, "en_US", "APPROVED", ct);
        Assert.Equal(created["id"]!.GetValue<string>(), approved["id"]!.GetValue<string>());
        Assert.Null(approved["rejectedReason"]?.GetValue<string>());
    }

    [Fact]
    public async Task ANameWithRejectEndsRejectedWithMetasReason()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct);
        var name = TemplateTenant.NewName("promo_reject");

        await tenant.CreateTemplateAsync(name, ct);

        var rejected = await tenant.WaitForStatusAsync(name, "en_US", "REJECTED", ct);
        Assert.Equal("INVALID_FORMAT", rejected["rejectedReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidTemplatesAreRefusedByUsOrByMetaWithMetasCodeAndMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct);

        using var ours = await tenant.Client.PostAsJsonAsync(Templates, new { name = "Not A Name", language = "english", category = "PROMO", components = Array.Empty<object>() }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, ours.StatusCode);
        var errors = (await ours.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!.AsObject();
        Assert.Equal(["category", "components", "language", "name"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));

        // Meta's rule: a body may not start with a placeholder (subcode 2388299).
        var name = TemplateTenant.NewName("leading_placeholder");
        using var metas = await tenant.Client.PostAsJsonAsync(Templates, new
        {
            name,
            language = "en_US",
            category = "MARKETING",
            components = new[] { new { type = "BODY", text = "{{1}} is your code", example = new { body_text = new[] { new[] { "1234" } } } } },
        }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, metas.StatusCode);
        var problem = (await metas.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Equal(100, problem["metaCode"]!.GetValue<int>());
        Assert.Equal(2388299, problem["metaSubcode"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
        Assert.Null(await tenant.GetTemplateAsync(name, "en_US", ct));

        // The same name and language twice: Meta refuses the second (2388024), and the first is left as it was.
        var duplicate = TemplateTenant.NewName("duplicate");
        await tenant.CreateTemplateAsync(duplicate, ct);
        using var again = await tenant.Client.PostAsJsonAsync(Templates, TemplateTenant.Definition(duplicate), ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(2388024, (await again.Content.ReadFromJsonAsync<JsonObject>(ct))!["metaSubcode"]!.GetValue<int>());
        Assert.NotNull(await tenant.GetTemplateAsync(duplicate, "en_US", ct));
    }

    [Fact]
    public async Task SyncReadsEveryPageAddsWhatMetaHasAndRemovesWhatItNoLongerLists()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct);
        // Deleted at Meta behind the portal's back, before Meta's review (so no status webhook for it is in flight).
        var deletedAtMeta = TemplateTenant.NewName("deleted_at_meta");
        await tenant.CreateTemplateAsync(deletedAtMeta, ct);
        await tenant.DeleteAtMetaAsync(deletedAtMeta, ct);
        var portalMade = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            portalMade.Add(TemplateTenant.NewName($"synced_{i}"));
            await tenant.CreateTemplateAsync(portalMade[^1], ct);
        }
        var madeAtMeta = TemplateTenant.NewName("made_in_meta_console");
        await tenant.CreateAtMetaAsync(madeAtMeta, ct);

        using var sync = await tenant.Client.PostAsync($"{Templates}/sync?pageSize=2", null, ct);

        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        var report = (await sync.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Equal(2, report["pages"]!.GetValue<int>());
        Assert.Equal(4, report["listed"]!.GetValue<int>());
        Assert.Equal(1, report["added"]!.GetValue<int>());
        Assert.Equal(1, report["removed"]!.GetValue<int>());
        var stored = (await tenant.Client.GetFromJsonAsync<JsonArray>(Templates, ct))!;
        Assert.Equal(portalMade.Append(madeAtMeta).Order(StringComparer.Ordinal), stored.Select(t => t!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var fromMeta = stored.Single(t => t!["name"]!.GetValue<string>() == madeAtMeta)!;
        Assert.Equal("Your order {{1}} ships on {{2}}.", fromMeta["components"]![0]!["text"]!.GetValue<string>());
        Assert.NotNull(fromMeta["lastSyncedAt"]?.GetValue<DateTimeOffset>());

        // More pages than one at Meta's default size as well; filters apply to what was stored.
        using var bigPages = await tenant.Client.PostAsync($"{Templates}/sync", null, ct);
        Assert.Equal(1, (await bigPages.Content.ReadFromJsonAsync<JsonObject>(ct))!["pages"]!.GetValue<int>());
        var filtered = (await tenant.Client.GetFromJsonAsync<JsonArray>($"{Templates}?name=SYNCED_&language=en_US", ct))!;
        Assert.Equal(3, filtered.Count);
        Assert.Empty((await tenant.Client.GetFromJsonAsync<JsonArray>($"{Templates}?language=de", ct))!);
    }

    [Fact]
    public async Task DeleteRemovesTheTemplateAtMetaAndHere()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct);
        var name = TemplateTenant.NewName("to_delete");
        await tenant.CreateTemplateAsync(name, ct);
        await tenant.CreateTemplateAsync(name, ct, language: "de");
        var kept = TemplateTenant.NewName("kept");
        await tenant.CreateTemplateAsync(kept, ct);

        using var deleted = await tenant.Client.DeleteAsync($"{Templates}/{name}", ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await tenant.GetTemplateAsync(name, "en_US", ct));
        Assert.Null(await tenant.GetTemplateAsync(name, "de", ct));
        Assert.Equal([kept], await tenant.NamesAtMetaAsync(ct));
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.DeleteAsync($"{Templates}/{name}", ct)).StatusCode);
    }

    [Fact]
    public async Task ValidateSaysWhetherASendWouldFit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct);
        var name = TemplateTenant.NewName("validated");
        var rejected = TemplateTenant.NewName("validated_reject");
        await tenant.CreateTemplateAsync(name, ct);
        await tenant.CreateTemplateAsync(rejected, ct);
        await tenant.WaitForStatusAsync(name, "en_US", "APPROVED", ct);
        await tenant.WaitForStatusAsync(rejected, "en_US", "REJECTED", ct);
        object[] Body(params string[] values) => [new { type = "body", parameters = values.Select(v => new { type = "text", text = v }).ToArray() }];

        using (var ok = await tenant.Client.PostAsJsonAsync($"{Templates}/validate", new { name, language = "en_US", components = Body("8841", "Monday") }, ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.True((await ok.Content.ReadFromJsonAsync<JsonObject>(ct))!["valid"]!.GetValue<bool>());
        }
        Assert.Equal("name", await RefusedFieldAsync(tenant, new { name = "no_such_template", language = "en_US", components = Body("1", "2") }, ct));
        Assert.Equal("language", await RefusedFieldAsync(tenant, new { name, language = "de", components = Body("1", "2") }, ct));
        Assert.Equal("status", await RefusedFieldAsync(tenant, new { name = rejected, language = "en_US", components = Body("1", "2") }, ct));
        Assert.Equal("body", await RefusedFieldAsync(tenant, new { name, language = "en_US", components = Body("8841") }, ct));
        Assert.Equal("header", await RefusedFieldAsync(tenant, new
        {
            name,
            language = "en_US",
            components = new object[] { new { type = "header", parameters = new[] { new { type = "text", text = "x" } } }, Body("1", "2")[0] },
        }, ct));

        using var malformed = await tenant.Client.PostAsJsonAsync($"{Templates}/validate", new { name = "Bad Name", language = "en_US" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task AnOlderStatusNeverOverwritesANewerOneAndUnsignedUpdatesAreRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct);
        var name = TemplateTenant.NewName("ordered");
        var english = await tenant.CreateTemplateAsync(name, ct);
        var german = await tenant.CreateTemplateAsync(name, ct, language: "de");
        await tenant.WaitForStatusAsync(name, "en_US", "APPROVED", ct);
        await tenant.WaitForStatusAsync(name, "de", "APPROVED", ct);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // One webhook: an hour-old DISABLED for en_US, then a current PAUSED for de. Both have the same ordering key
        // (tenant and name), so once de is PAUSED the en_US update has been handled too.
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[
              {"id":"{{{tenant.WabaId}}}","time":{{{now - 3600}}},"changes":[{"field":"message_template_status_update","value":{"event":"DISABLED","message_template_id":{{{english["id"]!.GetValue<string>()}}},"message_template_name":"{{{name}}}","message_template_language":"en_US","reason":"NONE"}}]},
              {"id":"{{{tenant.WabaId}}}","time":{{{now + 1}}},"changes":[{"field":"message_template_status_update","value":{"event":"PAUSED","message_template_id":{{{german["id"]!.GetValue<string>()}}},"message_template_name":"{{{name}}}","message_template_language":"de","reason":"QUALITY"}}]}
            ]}
            """;
        Assert.Equal(401, await tenant.PostWebhookAsync(body, ct, appSecret: "not-the-tenants-secret"));
        // Counted for the alert on webhooks refused in bulk (a secret rotated at Meta), as message webhooks are.
        Assert.Equal(1, await SignatureRefusalsAsync(tenant.TenantId, expected: 1));
        Assert.Equal(200, await tenant.PostWebhookAsync(body, ct));

        var paused = await tenant.WaitForStatusAsync(name, "de", "PAUSED", ct);
        Assert.Equal("QUALITY", paused["rejectedReason"]!.GetValue<string>());
        Assert.Equal("APPROVED", (await tenant.GetTemplateAsync(name, "en_US", ct))!["status"]!.GetValue<string>());

        // Fields we do not handle are still acknowledged.
        Assert.Equal(200, await tenant.PostWebhookAsync(
            $$$"""{"object":"whatsapp_business_account","entry":[{"id":"{{{tenant.WabaId}}}","time":{{{now}}},"changes":[{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}]}]}""", ct));
    }

    [Fact]
    public async Task AnotherTenantsKeyCannotSeeDeleteOrValidateTheTemplates()
    {
        var ct = TestContext.Current.CancellationToken;
        using var owner = await TemplateTenant.CreateAsync(fixture, ct);
        using var other = await TemplateTenant.CreateAsync(fixture, ct);
        var name = TemplateTenant.NewName("owned");
        await owner.CreateTemplateAsync(name, ct);
        await owner.WaitForStatusAsync(name, "en_US", "APPROVED", ct);
        // Naming the owner in X-Tenant-ID changes nothing: the gateway sets it from the key.
        other.Client.DefaultRequestHeaders.Add(TenancyHeaders.TenantId, owner.TenantId);

        Assert.Empty((await other.Client.GetFromJsonAsync<JsonArray>(Templates, ct))!);
        Assert.Null(await other.GetTemplateAsync(name, "en_US", ct));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"{Templates}/{name}", ct)).StatusCode);
        using var validate = await other.Client.PostAsJsonAsync($"{Templates}/validate", new { name, language = "en_US" }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, validate.StatusCode);
        // Its sync reads its own WABA and leaves the owner's alone.
        (await other.Client.PostAsync($"{Templates}/sync", null, ct)).EnsureSuccessStatusCode();

        Assert.Equal("APPROVED", (await owner.GetTemplateAsync(name, "en_US", ct))!["status"]!.GetValue<string>());
        Assert.Equal([name], await owner.NamesAtMetaAsync(ct));
    }

    private static async Task<string> RefusedFieldAsync(TemplateTenant tenant, object request, CancellationToken ct)
    {
        using var response = await tenant.Client.PostAsJsonAsync($"{Templates}/validate", request, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!.AsObject()).Key;
    }

    /// <summary>
    /// The tenant's Meta webhooks refused for their signature in the last minute, as the alert service reads them;
    /// waits a few seconds for <paramref name="expected"/>, since the service counts without waiting.
    /// </summary>
    private async Task<long> SignatureRefusalsAsync(string tenantId, long expected)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(await fixture.ConnectionStringAsync("redis"));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            long total = 0;
            foreach (var at in OperationalSignals.Buckets(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)))
            {
                total += (long?)await redis.GetDatabase().HashGetAsync(OperationalSignals.SignatureFailures(ProviderKeys.WhatsApp, at), tenantId) ?? 0;
            }
            if (total >= expected || DateTime.UtcNow > deadline)
            {
                return total;
            }
            await Task.Delay(200);
        }
    }
}
