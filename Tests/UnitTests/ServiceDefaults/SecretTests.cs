using System.Text.Json;
using WhatsAppGenesys.Contracts.Security;

namespace WhatsAppGenesys.UnitTests.ServiceDefaults;

public class SecretTests
{
    [Fact]
    public void SecretNeverShowsItsValueAsTextOrJson()
    {
        var secret = new Secret("s3cr3t-token");

        Assert.Equal("[redacted]", secret.ToString());
        Assert.Equal("[redacted]", $"{secret}");
        Assert.DoesNotContain("s3cr3t", JsonSerializer.Serialize(new { token = secret }));
        Assert.Equal("s3cr3t-token", secret.Reveal());
    }

    [Fact]
    public void SecretIsReadFromJsonSoRequestsCanCarryIt()
    {
        var parsed = JsonSerializer.Deserialize<Holder>("""{"Token":"abc"}""")!;

        Assert.Equal("abc", parsed.Token.Reveal());
        Assert.Equal(new Secret("abc"), parsed.Token);
        Assert.NotEqual(new Secret("abd"), parsed.Token);
    }

    private sealed record Holder(Secret Token);
}
