using System.Net;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class TemplateSendTests
{
    private const string Customer = "15550700001";

    private static Task<MetaSandboxHost> StartAsync() =>
        MetaSandboxHost.StartAsync(new() { ["MetaSandbox:Templates:ReviewDelayMs"] = "600000" });

    [Fact]
    public async Task ApprovedTemplateWithTheRightParametersIsAccepted()
    {
        await using var host = await StartAsync();
        await host.CreateApprovedTemplateAsync(TemplateCalls.Utility("order_shipped"));

        var response = await host.SendAsync(TemplateCalls.TemplateMessage(Customer, "order_shipped", "en_US", "A-1", "Monday"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownNameOrLanguageAnswers132001()
    {
        await using var host = await StartAsync();
        await host.CreateApprovedTemplateAsync(TemplateCalls.Utility("order_shipped"));

        var unknownName = await host.SendAsync(TemplateCalls.TemplateMessage(Customer, "order_lost", "en_US", "A-1", "Monday"));
        var unknownLanguage = await host.SendAsync(TemplateCalls.TemplateMessage(Customer, "order_shipped", "fr", "A-1", "Monday"));

        var error = await GraphAssert.ErrorAsync(unknownName, HttpStatusCode.BadRequest, 132001);
        Assert.Equal("(#132001) Template name does not exist in the translation", error.GetProperty("message").GetString());
        await GraphAssert.ErrorAsync(unknownLanguage, HttpStatusCode.BadRequest, 132001);
    }

    [Theory]
    [InlineData(null, 132001)]
    [InlineData("REJECTED", 132001)]
    [InlineData("PAUSED", 132015)]
    [InlineData("DISABLED", 132016)]
    public async Task TemplateThatIsNotApprovedCannotBeSent(string? status, int code)
    {
        await using var host = await StartAsync();
        var created = await host.CreateTemplateOkAsync(TemplateCalls.Utility("order_shipped"));
        if (status is not null)
        {
            await host.SetTemplateStatusAsync(created.Id, status);
        }

        var response = await host.SendAsync(TemplateCalls.TemplateMessage(Customer, "order_shipped", "en_US", "A-1", "Monday"));

        await GraphAssert.ErrorAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(0)]
    public async Task WrongNumberOfBodyParametersAnswers132000(int count)
    {
        await using var host = await StartAsync();
        await host.CreateApprovedTemplateAsync(TemplateCalls.Utility("order_shipped"));

        var parameters = Enumerable.Range(1, count).Select(i => $"p{i}").ToArray();
        var response = await host.SendAsync(TemplateCalls.TemplateMessage(Customer, "order_shipped", "en_US", parameters));

        var error = await GraphAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 132000);
        Assert.Equal($"body: number of localizable_params ({count}) does not match the expected number of params (2)",
            error.GetProperty("error_data").GetProperty("details").GetString());
    }

    [Fact]
    public async Task HeaderAndDynamicUrlButtonParametersAreCounted()
    {
        await using var host = await StartAsync();
        await host.CreateApprovedTemplateAsync(new
        {
            name = "delivery_update",
            language = "en_US",
            category = "UTILITY",
            components = new object[]
            {
                new { type = "HEADER", format = "IMAGE", example = new { header_handle = new[] { "4::aW1hZ2U=" } } },
                new { type = "BODY", text = "Hi {{1}}, your parcel is on its way.", example = new { body_text = new[] { new[] { "Ann" } } } },
                new { type = "BUTTONS", buttons = new object[] { new { type = "URL", text = "Track", url = "https://example.com/t/{{1}}", example = new[] { "https://example.com/t/1" } } } },
            },
        });
        object Send(bool withHeader, bool withButton) => new
        {
            messaging_product = "whatsapp",
            to = Customer,
            type = "template",
            template = new
            {
                name = "delivery_update",
                language = new { code = "en_US" },
                components = new object[]
                {
                    new { type = "header", parameters = withHeader ? new object[] { new { type = "image", image = new { link = "https://example.com/p.jpg" } } } : Array.Empty<object>() },
                    new { type = "body", parameters = new object[] { new { type = "text", text = "Ann" } } },
                    new { type = "button", sub_type = "url", index = "0", parameters = withButton ? new object[] { new { type = "text", text = "T-9" } } : Array.Empty<object>() },
                },
            },
        };

        var complete = await host.SendAsync(Send(withHeader: true, withButton: true));
        var noHeader = await host.SendAsync(Send(withHeader: false, withButton: true));
        var noButton = await host.SendAsync(Send(withHeader: true, withButton: false));

        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        var headerError = await GraphAssert.ErrorAsync(noHeader, HttpStatusCode.BadRequest, 132000);
        Assert.StartsWith("header:", headerError.GetProperty("error_data").GetProperty("details").GetString());
        var buttonError = await GraphAssert.ErrorAsync(noButton, HttpStatusCode.BadRequest, 132000);
        Assert.StartsWith("button at index 0:", buttonError.GetProperty("error_data").GetProperty("details").GetString());
    }

    [Fact]
    public async Task WabaWithoutTemplatesSendsAnyTemplateByDefault()
    {
        await using var host = await StartAsync();

        var response = await host.SendAsync(TemplateCalls.TemplateMessage(Customer, "never_created", "en_US", "x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SendCheckAlwaysRefusesUnknownTemplatesEvenWithoutAny()
    {
        await using var host = await StartAsync();
        var patched = await host.Client.PatchAsync("/sandbox/templates/settings",
            new StringContent("""{"sendCheck":"always"}""", System.Text.Encoding.UTF8, "application/json"), MetaSandboxHost.Cancellation);
        patched.EnsureSuccessStatusCode();

        var response = await host.SendAsync(TemplateCalls.TemplateMessage(Customer, "never_created", "en_US", "x"));

        await GraphAssert.ErrorAsync(response, HttpStatusCode.BadRequest, 132001);
    }
}
