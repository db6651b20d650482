using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class TemplateManagementTests
{
    // Review far away, so every template stays PENDING while these tests look at it.
    private static Task<MetaSandboxHost> StartAsync() =>
        MetaSandboxHost.StartAsync(new() { ["MetaSandbox:Templates:ReviewDelayMs"] = "600000" });

    [Fact]
    public async Task CreateAnswersIdPendingAndCategoryThenListsTheTemplate()
    {
        await using var host = await StartAsync();

        var response = await host.CreateTemplateAsync(TemplateCalls.Utility("order_shipped"));
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        var list = await host.ListTemplatesOkAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["category", "id", "status"], created.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("PENDING", created.GetProperty("status").GetString());
        Assert.Equal("UTILITY", created.GetProperty("category").GetString());
        var template = Assert.Single(list.Data);
        Assert.Equal(created.GetProperty("id").GetString(), template.Id);
        Assert.Equal(("order_shipped", "en_US", "PENDING", "UTILITY"), (template.Name, template.Language, template.Status, template.Category));
        var body = Assert.Single(template.Components);
        Assert.Equal("BODY", body.Type);
        Assert.Equal(["A-1", "Monday"], body.Example!.BodyText![0]);
        Assert.Null(template.RejectedReason);
    }

    [Fact]
    public async Task ListPagesWithCursorsAcrossSeveralPages()
    {
        await using var host = await StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await host.CreateTemplateOkAsync(TemplateCalls.Utility($"paged_{i}"));
        }

        var first = await host.ListTemplatesOkAsync("?limit=2");
        var second = await host.ListTemplatesOkAsync($"?limit=2&after={first.Paging!.Cursors.After}");
        var third = await host.ListTemplatesOkAsync($"?limit=2&after={second.Paging!.Cursors.After}");
        var back = await host.ListTemplatesOkAsync($"?limit=2&before={third.Paging!.Cursors.Before}");

        Assert.Equal(["paged_0", "paged_1"], first.Data.Select(t => t.Name));
        Assert.Equal(["paged_2", "paged_3"], second.Data.Select(t => t.Name));
        Assert.Equal(["paged_4"], third.Data.Select(t => t.Name));
        Assert.Equal(["paged_2", "paged_3"], back.Data.Select(t => t.Name));
        Assert.Null(first.Paging.Previous);
        Assert.NotNull(first.Paging.Next);
        Assert.NotNull(second.Paging.Previous);
        Assert.Null(third.Paging.Next);
        Assert.Contains($"after={second.Paging.Cursors.After}", second.Paging.Next);
        Assert.StartsWith("http", first.Paging.Next);
    }

    [Fact]
    public async Task NextLinkFetchesTheFollowingPageAndKeepsTheFilters()
    {
        await using var host = await StartAsync();
        foreach (var name in new[] { "alpha_one", "beta_one", "alpha_two", "alpha_three" })
        {
            await host.CreateTemplateOkAsync(TemplateCalls.Utility(name));
        }

        var first = await host.ListTemplatesOkAsync("?name=alpha&limit=2");
        var next = new Uri(first.Paging!.Next!);
        var second = await host.ListTemplatesOkAsync(next.Query);

        Assert.Equal(["alpha_one", "alpha_two"], first.Data.Select(t => t.Name));
        Assert.Equal(["alpha_three"], second.Data.Select(t => t.Name));
    }

    [Fact]
    public async Task ListFiltersByStatusAndLanguage()
    {
        await using var host = await StartAsync();
        var approved = await host.CreateApprovedTemplateAsync(TemplateCalls.Utility("welcome"));
        await host.CreateTemplateOkAsync(TemplateCalls.Utility("welcome", "de"));
        await host.CreateTemplateOkAsync(TemplateCalls.Utility("reminder"));

        var byStatus = await host.ListTemplatesOkAsync("?status=APPROVED");
        var byLanguage = await host.ListTemplatesOkAsync("?language=de");
        var byName = await host.ListTemplatesOkAsync("?name=welcome");
        var none = await host.ListTemplatesOkAsync("?status=PAUSED");

        Assert.Equal([approved], byStatus.Data.Select(t => t.Id));
        Assert.Equal([("welcome", "de")], byLanguage.Data.Select(t => (t.Name, t.Language)));
        Assert.Equal(2, byName.Data.Count);
        Assert.Empty(none.Data);
        Assert.Null(none.Paging);
    }

    public static TheoryData<string, int?> InvalidDefinitions => new()
    {
        // Name rules: lower-case letters, digits and underscores.
        { """{"name":"Order Shipped","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Hello there."}]}""", 2388046 },
        { """{"name":"order-shipped","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Hello there."}]}""", 2388046 },
        // A body with placeholders needs example.body_text.
        { """{"name":"no_example","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Order {{1}} has shipped."}]}""", 2388043 },
        // Placeholders are not allowed at the start or end of the body.
        { """{"name":"edge","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Order {{1}}","example":{"body_text":[["A-1"]]}}]}""", 2388299 },
        // Example with the wrong number of values, placeholders with a gap.
        { """{"name":"short_example","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Order {{1}} ships {{2}}.","example":{"body_text":[["A-1"]]}}]}""", null },
        { """{"name":"gap","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Order {{1}} ships {{3}}.","example":{"body_text":[["A-1","B"]]}}]}""", null },
        // Category, language, components.
        { """{"name":"bad_category","language":"en_US","category":"PROMOTION","components":[{"type":"BODY","text":"Hello there."}]}""", null },
        { """{"name":"bad_language","language":"english","category":"UTILITY","components":[{"type":"BODY","text":"Hello there."}]}""", null },
        { """{"name":"no_body","language":"en_US","category":"UTILITY","components":[{"type":"FOOTER","text":"Bye"}]}""", null },
        { """{"name":"no_components","language":"en_US","category":"UTILITY"}""", null },
        { """{"language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Hello there."}]}""", null },
        { """{"name":"long_button","language":"en_US","category":"MARKETING","components":[{"type":"BODY","text":"Hello there."},{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"This button text is far too long"}]}]}""", null },
        { """{"name":"dynamic_url","language":"en_US","category":"MARKETING","components":[{"type":"BODY","text":"Hello there."},{"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://example.com/{{1}}"}]}]}""", 2388043 },
        { "not json", null },
    };

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public async Task InvalidDefinitionsAnswerCode100WithMetasSubcode(string body, int? subcode)
    {
        await using var host = await StartAsync();

        var response = await host.CreateTemplateRawAsync(body);

        var error = await GraphAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 100);
        Assert.Equal(subcode, error.TryGetProperty("error_subcode", out var s) ? s.GetInt32() : (int?)null);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_user_msg").GetString()));
        Assert.Empty((await host.ListTemplatesOkAsync()).Data);
    }

    [Fact]
    public async Task SameNameAndLanguageTwiceAnswers2388024ButAnotherLanguageIsAccepted()
    {
        await using var host = await StartAsync();
        await host.CreateTemplateOkAsync(TemplateCalls.Utility("order_shipped"));

        var duplicate = await host.CreateTemplateAsync(TemplateCalls.Utility("order_shipped"));
        var otherLanguage = await host.CreateTemplateAsync(TemplateCalls.Utility("order_shipped", "pt_BR"));

        var error = await GraphAssert.ErrorAsync(duplicate, HttpStatusCode.BadRequest, 100);
        Assert.Equal(2388024, error.GetProperty("error_subcode").GetInt32());
        Assert.Equal("Content in This Language Already Exists", error.GetProperty("error_user_title").GetString());
        Assert.Equal(HttpStatusCode.OK, otherLanguage.StatusCode);
    }

    [Fact]
    public async Task NamedPlaceholdersNeedNamedExamples()
    {
        await using var host = await StartAsync();
        var named = new
        {
            name = "named_order",
            language = "en_US",
            category = "UTILITY",
            parameter_format = "NAMED",
            components = new object[]
            {
                new
                {
                    type = "BODY",
                    text = "Order {{order_id}} ships on {{day}}.",
                    example = new { body_text_named_params = new[] { new { param_name = "order_id", example = "A-1" }, new { param_name = "day", example = "Monday" } } },
                },
            },
        };

        var created = await host.CreateTemplateOkAsync(named);
        var listed = Assert.Single((await host.ListTemplatesOkAsync()).Data);

        Assert.Equal(listed.Id, created.Id);
        Assert.Equal("NAMED", listed.ParameterFormat);
    }

    [Fact]
    public async Task DeleteByNameRemovesEveryLanguageAndByHsmIdOnlyOne()
    {
        await using var host = await StartAsync();
        var english = await host.CreateTemplateOkAsync(TemplateCalls.Utility("promo"));
        await host.CreateTemplateOkAsync(TemplateCalls.Utility("promo", "de"));
        await host.CreateTemplateOkAsync(TemplateCalls.Utility("notice"));
        await host.CreateTemplateOkAsync(TemplateCalls.Utility("notice", "de"));

        var byId = await host.DeleteTemplateAsync($"?name=promo&hsm_id={english.Id}");
        var afterById = await host.ListTemplatesOkAsync();
        var byName = await host.DeleteTemplateAsync("?name=notice");
        var afterByName = await host.ListTemplatesOkAsync();
        var missing = await host.DeleteTemplateAsync("?name=notice");

        Assert.Equal("""{"success":true}""", await byId.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation));
        Assert.Equal([("promo", "de"), ("notice", "en_US"), ("notice", "de")], afterById.Data.Select(t => (t.Name, t.Language)));
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal([("promo", "de")], afterByName.Data.Select(t => (t.Name, t.Language)));
        await GraphAssert.ErrorAsync(missing, HttpStatusCode.BadRequest, 100);
    }

    [Fact]
    public async Task TemplateCallsNeedTheAccountsToken()
    {
        await using var host = await StartAsync();

        var noToken = await host.ListTemplatesAsync(token: null);
        var wrongToken = await host.CreateTemplateAsync(TemplateCalls.Utility("x"), "not-the-token");

        await GraphAssert.ErrorAsync(noToken, HttpStatusCode.Unauthorized, 190);
        await GraphAssert.ErrorAsync(wrongToken, HttpStatusCode.Unauthorized, 190);
    }
}
