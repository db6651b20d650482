using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Tenancy;

public sealed class TenantCredentialsTests(AppFixture fixture)
{
    private readonly TenancyHarness _harness = new(fixture);

    [Fact]
    public async Task RawDatabaseRowsHoldNoPlaintextSecret()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _harness.CreateTenantAsync(ct);

        var rows = await CredentialRowsAsync(tenant.Id, ct);

        Assert.Equal(5, rows.Count);
        var activeKey = _harness.Setting("TenantService:Encryption:ActiveKeyId");
        foreach (var (kind, keyId, ciphertext) in rows)
        {
            Assert.Equal(activeKey, keyId);
            foreach (var secret in tenant.Secrets)
            {
                Assert.True(ciphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{kind} holds a plaintext secret");
            }
        }
    }

    [Fact]
    public async Task ReadsReturnOnlyWhetherSecretsAreSetAndWhen()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _harness.CreateTenantAsync(ct);
        using var admin = _harness.TenantService();

        var json = await admin.GetStringAsync($"/api/tenants/{tenant.Id}", ct);
        var read = await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{tenant.Id}", ct);

        Assert.All(tenant.Secrets, secret => Assert.DoesNotContain(secret, json));
        Assert.True(read!.Genesys!.ClientSecret.IsSet);
        Assert.NotNull(read.Genesys.ClientSecret.UpdatedAt);
        Assert.True(read.WhatsApp!.AccessToken.IsSet);
        Assert.True(read.WhatsApp.AppSecret.IsSet);
    }

    [Fact]
    public async Task KeyRotationKeepsEverySecretReadable()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _harness.CreateTenantAsync(ct);
        var activeKey = _harness.Setting("TenantService:Encryption:ActiveKeyId")!;
        var otherKey = _harness.TenantServiceEnvironment.Keys
            .Where(k => k.StartsWith("TenantService__Encryption__Keys__", StringComparison.Ordinal))
            .Select(k => k["TenantService__Encryption__Keys__".Length..])
            .FirstOrDefault(k => k != activeKey);
        Assert.True(otherKey is not null, "The AppHost must give the tenant service a second encryption key to rotate to.");

        // Rotate to the other key with the documented command, as an operator would after switching the active key...
        var (exitCode, output) = await RunRotateKeysCommandAsync(otherKey!, ct);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"with key '{otherKey}'", output);
        Assert.All(await CredentialRowsAsync(tenant.Id, ct), row => Assert.Equal(otherKey, row.KeyId));

        // ...every secret still decrypts in the running service (it knows both keys)...
        Assert.Equal(tenant.ClientSecret, (await GenesysCredentialsAsync(tenant.Id, ct)).ClientSecret);

        // ...and rotating back through the admin endpoint (to the service's active key) keeps them readable too.
        using var admin = _harness.TenantService();
        var back = await admin.PostAsync("/api/admin/rotate-keys", null, ct);
        back.EnsureSuccessStatusCode();
        Assert.All(await CredentialRowsAsync(tenant.Id, ct), row => Assert.Equal(activeKey, row.KeyId));
        var credentials = await GenesysCredentialsAsync(tenant.Id, ct);
        Assert.Equal(tenant.ClientSecret, credentials.ClientSecret);
        Assert.Equal(tenant.WebhookSecret, credentials.WebhookSecret);
    }

    private async Task<GenesysCredentials> GenesysCredentialsAsync(string tenantId, CancellationToken ct)
    {
        using var client = _harness.TenantService();
        return (await client.GetFromJsonAsync<GenesysCredentials>($"/internal/tenants/{tenantId}/credentials/genesys", ct))!;
    }

    private async Task<List<(string Kind, string KeyId, byte[] Ciphertext)>> CredentialRowsAsync(string tenantId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(await fixture.ConnectionStringAsync(ResourceNames.TenantDatabase));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT kind, key_id, ciphertext FROM tenant_credentials WHERE tenant_id = @tenant ORDER BY kind", connection);
        command.Parameters.AddWithValue("tenant", tenantId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(string, string, byte[])>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader[2]));
        }
        return rows;
    }

    // `dotnet WhatsAppGenesys.TenantService.dll rotate-keys`, with the running service's configuration and another active key.
    private async Task<(int ExitCode, string Output)> RunRotateKeysCommandAsync(string activeKeyId, CancellationToken ct)
    {
        var pid = fixture.App.GetProcessIds(ServiceNames.TenantService)[0];
        var commandLine = (await File.ReadAllTextAsync($"/proc/{pid}/cmdline", ct)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var entry = commandLine.First(a => a.EndsWith("WhatsAppGenesys.TenantService.dll", StringComparison.Ordinal) ||
                                           a.EndsWith("WhatsAppGenesys.TenantService", StringComparison.Ordinal));
        if (entry.EndsWith(".dll", StringComparison.Ordinal))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(entry);
        }
        else
        {
            start.FileName = entry;
        }
        start.ArgumentList.Add("rotate-keys");
        start.Environment.Clear();
        foreach (var (key, value) in _harness.TenantServiceEnvironment)
        {
            start.Environment[key] = value;
        }
        start.Environment["TenantService__Encryption__ActiveKeyId"] = activeKeyId;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
