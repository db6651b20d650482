using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class MediaTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 0xFF, 0xD9];

    [Fact]
    public async Task CustomerMediaIsServedThroughTheGraphMediaEndpointsWithTheToken()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync("15550400001", new { type = "image", media = new { base64 = Convert.ToBase64String(Jpeg), caption = "look" } });
        var image = (await host.Receiver.WaitForAsync(r => r.Count == 1))[0].Value.GetProperty("messages")[0].GetProperty("image");
        var mediaId = image.GetProperty("id").GetString()!;

        var info = await GetAsync(host, $"/{MetaSandboxHost.Version}/{mediaId}", MetaSandboxHost.AccessToken);
        var json = await info.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        var download = await GetAsync(host, json.GetProperty("url").GetString()!, MetaSandboxHost.AccessToken);

        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal("whatsapp", json.GetProperty("messaging_product").GetString());
        Assert.Equal(mediaId, json.GetProperty("id").GetString());
        Assert.Equal("image/jpeg", json.GetProperty("mime_type").GetString());
        Assert.Equal(Jpeg.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("file_size").GetString());
        Assert.Equal(image.GetProperty("sha256").GetString(), json.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(Jpeg)), json.GetProperty("sha256").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Jpeg, await download.Content.ReadAsByteArrayAsync(MetaSandboxHost.Cancellation));
    }

    [Fact]
    public async Task DownloadRequiresTheBearerToken()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var url = await UploadAndGetUrlAsync(host);

        var anonymous = await GetAsync(host, url, token: null);
        var wrong = await GetAsync(host, url, "wrong-token");

        await GraphAssert.ErrorAsync(anonymous, HttpStatusCode.Unauthorized, 190);
        await GraphAssert.ErrorAsync(wrong, HttpStatusCode.Unauthorized, 190);
    }

    [Fact]
    public async Task DownloadUrlExpiresFiveMinutesAfterItWasIssued()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        var url = await UploadAndGetUrlAsync(host);

        host.Time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(50));
        var beforeExpiry = await GetAsync(host, url, MetaSandboxHost.AccessToken);
        host.Time.Advance(TimeSpan.FromSeconds(11));
        var afterExpiry = await GetAsync(host, url, MetaSandboxHost.AccessToken);
        var tampered = await GetAsync(host, url.Replace("ext=", "ext=9", StringComparison.Ordinal), MetaSandboxHost.AccessToken);

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    [Fact]
    public async Task MediaOfAnotherBusinessDoesNotExistForThisToken()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.Client.PostAsJsonAsync("/sandbox/businesses", new
        {
            wabaId = "200000000000002", phoneNumberIds = new[] { "300000000000002" }, displayPhoneNumber = "+15550000002",
            accessToken = "second-token", appSecret = "second-secret", verifyToken = "v", webhookUrl = host.Receiver.Url,
        }, MetaSandboxHost.Cancellation);
        var mediaId = await UploadAsync(host, Jpeg, "image/jpeg");

        var otherBusiness = await GetAsync(host, $"/{MetaSandboxHost.Version}/{mediaId}", "second-token");
        var unknownToken = await GetAsync(host, $"/{MetaSandboxHost.Version}/{mediaId}", "nobody");

        var error = await GraphAssert.ErrorAsync(otherBusiness, HttpStatusCode.BadRequest, 100);
        Assert.Equal("GraphMethodException", error.GetProperty("type").GetString());
        await GraphAssert.ErrorAsync(unknownToken, HttpStatusCode.Unauthorized, 190);
    }

    [Fact]
    public async Task UploadedImageCanBeSentById()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync("15550400002", new { type = "text", text = "hi" });
        var mediaId = await UploadAsync(host, Jpeg, "image/jpeg");

        var response = await host.SendAsync(new { messaging_product = "whatsapp", to = "15550400002", type = "image", image = new { id = mediaId } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> UploadAndGetUrlAsync(MetaSandboxHost host)
    {
        var mediaId = await UploadAsync(host, Jpeg, "image/jpeg");
        var info = await (await GetAsync(host, $"/{MetaSandboxHost.Version}/{mediaId}", MetaSandboxHost.AccessToken))
            .Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        return info.GetProperty("url").GetString()!;
    }

    public static async Task<string> UploadAsync(MetaSandboxHost host, byte[] content, string mimeType)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(mimeType), "type" },
            { new ByteArrayContent(content), "file", "upload.bin" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{MetaSandboxHost.Version}/{MetaSandboxHost.PhoneNumberId}/media") { Content = form };
        request.Headers.Authorization = new("Bearer", MetaSandboxHost.AccessToken);
        var response = await host.Client.SendAsync(request, MetaSandboxHost.Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        return json.GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> GetAsync(MetaSandboxHost host, string url, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        return host.Client.SendAsync(request, MetaSandboxHost.Cancellation);
    }
}
