namespace WhatsAppGenesys.MetaSandbox.EmbeddedSignup;

// Bound from "MetaSandbox:EmbeddedSignup". The app itself (AppId, AppName, AppSecret) is in MetaSandboxOptions.
public sealed class EmbeddedSignupOptions
{
    // How long the authorization code handed to the opener can be exchanged. Meta's codes are short-lived and
    // single-use; five minutes leaves a slow test room without letting a forgotten code live on.
    public int CodeLifetimeSeconds { get; set; } = 300;
}
