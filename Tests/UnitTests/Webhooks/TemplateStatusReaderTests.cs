using System.Text.Json;
using WhatsAppGenesys.WhatsAppWebhook.Receiving;

namespace WhatsAppGenesys.UnitTests.Webhooks;

/// <summary>Meta's account-level template status webhooks, read apart from customer traffic.</summary>
public class TemplateStatusReaderTests
{
    private const string Approved = """
        {"object":"whatsapp_business_account","entry":[{"id":"555","time":1764780000,"changes":[
          {"field":"message_template_status_update","value":{"event":"APPROVED","message_template_id":1234567,"message_template_name":"order_update","message_template_language":"en_US","reason":"NONE"}},
          {"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}]}]}
        """;

    [Fact]
    public void ReadsTheUpdatesWithTheirWabaAndTimeAndSkipsOtherFields()
    {
        using var document = JsonDocument.Parse(Approved);

        var update = Assert.Single(TemplateStatusReader.Read(document.RootElement));

        Assert.Equal("555", update.WabaId);
        Assert.Equal(1764780000, update.Time);
        Assert.Equal("APPROVED", update.Value.Event);
        Assert.Equal(1234567, update.Value.MessageTemplateId);
        Assert.Equal("order_update", update.Value.MessageTemplateName);
        Assert.Equal("en_US", update.Value.MessageTemplateLanguage);
        Assert.Equal("NONE", update.Value.Reason);
        // The message path sees no change in it, so it does not take it for customer traffic.
        Assert.Empty(MetaWebhookReader.ReadChanges(document.RootElement)!);
    }

    [Theory]
    [InlineData("""{"event":"APPROVED","message_template_name":"x","message_template_language":"en"}""")]
    [InlineData("""{"event":"","message_template_id":1,"message_template_name":"x","message_template_language":"en"}""")]
    [InlineData("""{"event":"APPROVED","message_template_id":"not a number","message_template_name":"x","message_template_language":"en"}""")]
    public void AnUpdateWithoutItsIdentityIsRefused(string value)
    {
        using var document = JsonDocument.Parse($$"""{"object":"whatsapp_business_account","entry":[{"id":"555","time":1,"changes":[{"field":"message_template_status_update","value":{{value}}}]}]}""");

        Assert.Throws<InvalidWebhookException>(() => TemplateStatusReader.Read(document.RootElement));
    }
}
