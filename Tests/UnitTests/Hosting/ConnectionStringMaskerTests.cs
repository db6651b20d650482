using WhatsAppGenesys.Hosting.Orchestration;

namespace WhatsAppGenesys.UnitTests.Hosting;

public sealed class ConnectionStringMaskerTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Username=postgres;Password=s3cr3t;Database=db", "Host=127.0.0.1;Port=5432;Username=postgres;Password=***;Database=db")]
    [InlineData("amqp://guest:guest@127.0.0.1:5672", "amqp://guest:***@127.0.0.1:5672")]
    [InlineData("Endpoint=http://127.0.0.1:9000;AccessKey=S3RVER;SecretKey=S3RVER", "Endpoint=http://127.0.0.1:9000;AccessKey=S3RVER;SecretKey=***")]
    [InlineData("cache:6380,password=hunter2,ssl=true", "cache:6380,password=***,ssl=true")]
    [InlineData("127.0.0.1:6379", "127.0.0.1:6379")]
    public void SecretsAreMaskedAndEverythingElseIsKept(string connectionString, string expected)
    {
        Assert.Equal(expected, ConnectionStringMasker.MaskSecrets(connectionString));
    }
}
