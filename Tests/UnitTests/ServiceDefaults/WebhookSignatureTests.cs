using System.Text;
using WhatsAppGenesys.Contracts.Security;

namespace WhatsAppGenesys.UnitTests.ServiceDefaults;

public class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}],"text":"héllo 👋"}""");

    [Fact]
    public void MetaSignatureMatchesThePublishedVector()
    {
        // HMAC-SHA256(key "secret", "test"), the vector published in the Elixir whatsapp_sdk docs.
        Assert.Equal("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914",
            WebhookSignatures.SignMeta("test"u8, "secret"));
    }

    [Fact]
    public void MetaSignatureVerifiesOnlyTheExactBodyWithTheRightSecret()
    {
        var header = WebhookSignatures.SignMeta(Body, "app-secret");

        Assert.True(WebhookSignatures.VerifyMeta(Body, header, "app-secret"));
        Assert.False(WebhookSignatures.VerifyMeta(Body, header, "other-secret"));
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 1;
        Assert.False(WebhookSignatures.VerifyMeta(tampered, header, "app-secret"));
    }

    [Fact]
    public void EachProviderRejectsTheOtherProvidersEncoding()
    {
        var hex = WebhookSignatures.SignMeta(Body, "s");
        var base64 = WebhookSignatures.SignGenesys(Body, "s");

        Assert.True(WebhookSignatures.VerifyGenesys(Body, base64, "s"));
        Assert.False(WebhookSignatures.VerifyGenesys(Body, hex, "s"));
        Assert.False(WebhookSignatures.VerifyMeta(Body, base64, "s"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914")]
    [InlineData("sha256=zz29a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914")]
    public void MalformedSignatureHeadersNeverVerify(string? header)
    {
        Assert.False(WebhookSignatures.VerifyMeta("test"u8, header, "secret"));
        Assert.False(WebhookSignatures.VerifyGenesys("test"u8, header, "secret"));
    }
}
