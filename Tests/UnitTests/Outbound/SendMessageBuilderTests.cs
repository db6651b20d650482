using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.UnitTests.Mapping;
using WhatsAppGenesys.WhatsAppApi.DirectSend;

namespace WhatsAppGenesys.UnitTests.Outbound;

/// <summary>
/// The public send API: a simple request becomes the exact Graph body, or a field-by-field validation problem.
/// </summary>
public class SendMessageBuilderTests
{
    [Fact]
    public void TextGoesToThePhoneNumberDigits()
    {
        var (body, errors) = SendMessageBuilder.Build(new SendMessageRequest("+49 151-1234 5678", "text", "Hello", PreviewUrl: true));

        Assert.Null(errors);
        JsonAssert.Equivalent("""{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"text","text":{"body":"Hello","preview_url":true}}""", body!, MetaJson.Options);
    }

    [Fact]
    public void TemplateParametersFillTheBodyInOrder()
    {
        var (body, _) = SendMessageBuilder.Build(new SendMessageRequest("US.13491208655302741918", "template",
            Template: new SendTemplate("order_update", "en-GB", ["Ada", "A-1042"])));

        JsonAssert.Equivalent("""
            {"messaging_product":"whatsapp","recipient_type":"individual","recipient":"US.13491208655302741918","type":"template",
             "template":{"name":"order_update","language":{"code":"en_GB"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ada"},{"type":"text","text":"A-1042"}]}]}}
            """, body!, MetaJson.Options);
    }

    [Fact]
    public void DocumentByLinkKeepsItsFileNameAndCaption()
    {
        var (body, _) = SendMessageBuilder.Build(new SendMessageRequest("15551234567", "document", "Your invoice",
            Media: new SendMedia("https://files.example.com/i.pdf", Filename: "invoice.pdf")));

        Assert.Equal(new MetaSendMedia { Link = "https://files.example.com/i.pdf", Caption = "Your invoice", Filename = "invoice.pdf" }, body!.Document);
    }

    [Theory]
    [InlineData("not-a-number", "text", "hi", "to")]
    [InlineData("15551234567", "text", "", "text")]
    [InlineData("15551234567", "sticker", "hi", "type")]
    [InlineData("15551234567", "template", null, "template.name")]
    [InlineData("15551234567", "image", null, "media")]
    public void InvalidRequestsNameTheFieldAtFault(string to, string type, string? text, string field)
    {
        var (body, errors) = SendMessageBuilder.Build(new SendMessageRequest(to, type, text));

        Assert.Null(body);
        Assert.Contains(field, errors!.Keys);
    }

    [Fact]
    public void AudioTakesNoCaption()
    {
        var (_, errors) = SendMessageBuilder.Build(new SendMessageRequest("15551234567", "audio", "listen", Media: new SendMedia(null, Id: "123")));

        Assert.Equal(["text"], errors!.Keys);
    }
}
