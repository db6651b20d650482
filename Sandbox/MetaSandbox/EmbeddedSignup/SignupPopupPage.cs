using System.Net;
using System.Text.Json;

namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// The popup's HTML: plain markup and one small script. The buttons ask the simulator to finish or cancel the signup;
// the simulator answers with the messages to post, so their shapes live in SignupMessages and not in the script.
// Values reach the script through JsonSerializer, which escapes '<', '>' and '&', so no value can end the script.
public static class SignupPopupPage
{
    public static string Render(SignupSession s, string appName, string basePath)
    {
        static string H(string value) => WebUtility.HtmlEncode(value);
        static string J(string value) => JsonSerializer.Serialize(value);
        var finishUrl = $"{basePath}/{s.Id}/finish";
        var cancelUrl = $"{basePath}/{s.Id}/cancel";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>WhatsApp Embedded Signup (sandbox)</title>
            </head>
            <body>
            <h1>Connect your business to {{H(appName)}} on WhatsApp</h1>
            <p>Sandbox stand-in for Meta's Embedded Signup. Continue creates this WhatsApp Business Account and phone number.</p>
            <dl>
            <dt>Business portfolio ID</dt><dd id="business-id">{{H(s.BusinessId)}}</dd>
            <dt>WhatsApp Business Account ID</dt><dd id="waba-id">{{H(s.WabaId)}}</dd>
            <dt>Phone number</dt><dd id="display-phone-number">{{H(s.DisplayPhoneNumber)}}</dd>
            <dt>Phone number ID</dt><dd id="phone-number-id">{{H(s.PhoneNumberId)}}</dd>
            </dl>
            <p><label for="verified-name">Business display name</label>
            <input id="verified-name" name="verified_name" value="{{H(s.VerifiedName)}}"></p>
            <p><button type="button" id="continue">Continue</button>
            <button type="button" id="cancel">Cancel</button></p>
            <p id="status" role="status"></p>
            <script>
            (() => {
              const targetOrigin = {{J(s.Origin)}};
              const status = text => { document.getElementById("status").textContent = text; };
              const post = message => { if (window.opener) window.opener.postMessage(JSON.stringify(message), targetOrigin); };
              const answer = async (url, body) => {
                document.getElementById("continue").disabled = true;
                document.getElementById("cancel").disabled = true;
                const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
                if (!response.ok) { status("This signup was already answered."); return; }
                const messages = await response.json();
                post(messages.sessionInfo);
                post(messages.login);
                status("Done. This window closes now.");
                window.close();
              };
              document.getElementById("continue").addEventListener("click", () =>
                answer({{J(finishUrl)}}, { verifiedName: document.getElementById("verified-name").value }));
              document.getElementById("cancel").addEventListener("click", () => answer({{J(cancelUrl)}}, {}));
            })();
            </script>
            </body>
            </html>
            """;
    }

    public static string Error(string message) =>
        $"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Error</title></head>\n" +
        $"<body><h1>Sorry, something went wrong.</h1><p id=\"error\">{WebUtility.HtmlEncode(message)}</p></body>\n</html>\n";
}
