using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.TenantService.Security;

namespace WhatsAppGenesys.UnitTests.Tenancy;

public class SecretProtectorTests
{
    private static readonly string KeyOne = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyTwo = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    internal static SecretProtector Protector(string active, params (string Id, string Key)[] keys) =>
        new(Options.Create(new EncryptionOptions { ActiveKeyId = active, Keys = keys.ToDictionary(k => k.Id, k => k.Key) }));

    [Fact]
    public void EncryptedSecretDecryptsToTheOriginalWithTheActiveKeyId()
    {
        var protector = Protector("k1", ("k1", KeyOne));

        var encrypted = protector.Encrypt("sandbox-genesys-secret", "acme", "genesys.client_secret");

        Assert.Equal("k1", encrypted.KeyId);
        Assert.Equal("sandbox-genesys-secret", protector.Decrypt(encrypted, "acme", "genesys.client_secret"));
    }

    [Fact]
    public void CiphertextContainsNoPlaintextAndDiffersEachTime()
    {
        var protector = Protector("k1", ("k1", KeyOne));

        var first = protector.Encrypt("plain-secret-value", "acme", "whatsapp.access_token");
        var second = protector.Encrypt("plain-secret-value", "acme", "whatsapp.access_token");

        Assert.DoesNotContain("plain-secret-value", Encoding.UTF8.GetString(first.Ciphertext));
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public void TamperedCiphertextIsRejectedWithoutRevealingTheSecret()
    {
        var protector = Protector("k1", ("k1", KeyOne));
        var encrypted = protector.Encrypt("top-secret", "acme", "genesys.client_secret");

        foreach (var index in new[] { 1, 20, encrypted.Ciphertext.Length - 1 })
        {
            var tampered = (byte[])encrypted.Ciphertext.Clone();
            tampered[index] ^= 0x01;

            var error = Assert.Throws<SecretUnavailableException>(() =>
                protector.Decrypt(encrypted with { Ciphertext = tampered }, "acme", "genesys.client_secret"));
            Assert.DoesNotContain("top-secret", error.Message);
            Assert.Contains("acme", error.Message);
        }
    }

    [Fact]
    public void CiphertextCopiedToAnotherTenantOrKindDoesNotDecrypt()
    {
        var protector = Protector("k1", ("k1", KeyOne));
        var encrypted = protector.Encrypt("top-secret", "acme", "genesys.client_secret");

        Assert.Throws<SecretUnavailableException>(() => protector.Decrypt(encrypted, "globex", "genesys.client_secret"));
        Assert.Throws<SecretUnavailableException>(() => protector.Decrypt(encrypted, "acme", "genesys.webhook_secret"));
    }

    [Fact]
    public void RotationReEncryptsWithTheNewKeySoTheOldKeyCanBeRetired()
    {
        var before = Protector("k1", ("k1", KeyOne));
        var stored = before.Encrypt("sandbox-meta-access-token", "acme", "whatsapp.access_token");
        var during = Protector("k2", ("k1", KeyOne), ("k2", KeyTwo));

        var rotated = during.ReEncrypt(stored, "acme", "whatsapp.access_token");
        var after = Protector("k2", ("k2", KeyTwo));

        Assert.Equal("k2", rotated.KeyId);
        Assert.Equal("sandbox-meta-access-token", after.Decrypt(rotated, "acme", "whatsapp.access_token"));
        Assert.Throws<SecretUnavailableException>(() => after.Decrypt(stored, "acme", "whatsapp.access_token"));
    }

    [Fact]
    public void SecretWrittenWithAnOlderKeyStaysReadableWhileThatKeyIsConfigured()
    {
        var stored = Protector("k1", ("k1", KeyOne)).Encrypt("old", "acme", "whatsapp.app_secret");

        var afterActivatingK2 = Protector("k2", ("k1", KeyOne), ("k2", KeyTwo));

        Assert.Equal("old", afterActivatingK2.Decrypt(stored, "acme", "whatsapp.app_secret"));
    }

    [Theory]
    [InlineData(null, "ActiveKeyId is not configured")]
    [InlineData("missing", "Keys:missing is not configured")]
    public void MisconfiguredActiveKeyFailsAtStartWithTheSettingToFix(string? active, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Protector(active!, ("k1", KeyOne)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void KeyOfTheWrongLengthIsRefused()
    {
        var shortKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

        var error = Assert.Throws<InvalidOperationException>(() => Protector("k1", ("k1", shortKey)));

        Assert.Contains("32 bytes", error.Message);
    }
}
