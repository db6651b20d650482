using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs;

// RBM answers 404 NOT_FOUND for a user it cannot reach over RCS, on the capability check and on a send: the caller's
// cue to fall back to another channel.
public sealed class CapabilityTests
{
    [Fact]
    public async Task ACapableNumberListsItsFeatures()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        using var response = await host.GetCapabilitiesAsync("+15551270001", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var features = (await response.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct)).GetProperty("features")
            .EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Equal(["RICHCARD_STANDALONE", "RICHCARD_CAROUSEL", "ACTION_CREATE_CALENDAR_EVENT", "ACTION_DIAL", "ACTION_OPEN_URL",
            "ACTION_SHARE_LOCATION", "ACTION_VIEW_LOCATION"], features);
    }

    [Fact]
    public async Task ANumberWithTheNotCapablePrefixIs404OnCapabilityAndSend()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        using var capability = await host.GetCapabilitiesAsync("+15550001234", token);
        using var send = await host.SendAsync("+15550001234", RcsSandboxHost.Text("hi"), token);

        await GoogleErrorAssert.IsAsync(capability, 404, "NOT_FOUND");
        await GoogleErrorAssert.IsAsync(send, 404, "NOT_FOUND");
        Assert.Empty((await host.GetJsonAsync("/sandbox/users/%2B15550001234/received")).EnumerateArray());
        await Task.Delay(150, RcsSandboxHost.Ct);
        Assert.Empty(host.Receiver.All);
    }

    [Fact]
    public async Task TheControlApiMarksANumberNotCapableAndBack()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        using (var mark = await host.Client.PutAsJsonAsync("/sandbox/users/%2B15551270002/capability", new { capable = false }, RcsSandboxHost.Ct))
        {
            Assert.Equal(HttpStatusCode.OK, mark.StatusCode);
        }
        using (var send = await host.SendAsync("+15551270002", RcsSandboxHost.Text("hi"), token))
        {
            await GoogleErrorAssert.IsAsync(send, 404, "NOT_FOUND");
        }
        var user = await host.GetJsonAsync("/sandbox/users/%2B15551270002");
        Assert.False(user.GetProperty("capable").GetBoolean());
        Assert.Equal("control", user.GetProperty("capabilitySource").GetString());

        // A prefix number can be made capable too, and DELETE gives the number back to the rule.
        using (var mark = await host.Client.PutAsJsonAsync("/sandbox/users/%2B15550009999/capability", new { capable = true }, RcsSandboxHost.Ct))
        {
            Assert.Equal(HttpStatusCode.OK, mark.StatusCode);
        }
        using (var capability = await host.GetCapabilitiesAsync("+15550009999", token))
        {
            Assert.Equal(HttpStatusCode.OK, capability.StatusCode);
        }
        (await host.Client.DeleteAsync("/sandbox/users/%2B15551270002/capability", RcsSandboxHost.Ct)).Dispose();
        using var again = await host.SendAsync("+15551270002", RcsSandboxHost.Text("hi"), token);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task TheNotCapablePrefixesAreConfigurable()
    {
        await using var host = await RcsSandboxHost.StartAsync(new Dictionary<string, string?> { ["RcsSandbox:NotCapablePrefixes:0"] = "+44" });
        var token = await host.GetAccessTokenAsync();

        using var british = await host.GetCapabilitiesAsync("+447700900123", token);
        using var formerlyNotCapable = await host.GetCapabilitiesAsync("+15550001234", token);

        await GoogleErrorAssert.IsAsync(british, 404, "NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, formerlyNotCapable.StatusCode);
    }

    [Fact]
    public async Task TheCapabilityCheckWantsARequestIdUuid()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();

        using var response = await host.GetCapabilitiesAsync("+15551270003", token, "123");

        await GoogleErrorAssert.IsAsync(response, 400, "INVALID_ARGUMENT");
    }
}
