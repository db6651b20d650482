// WhatsApp Embedded Signup in the browser: opens Meta's signup popup and hands what it returns to the server-side
// wizard. Meta sends two things: a "session info" postMessage from facebook.com ({type: "WA_EMBEDDED_SIGNUP",
// event: "FINISH" | "CANCEL" | "ERROR", data: {waba_id, phone_number_id}}) and the authorization code, which its
// JavaScript SDK gives to FB.login's callback. The sandbox's stand-in popup posts the code as a second message
// ({type: "SANDBOX_FB_LOGIN", authResponse: {code}}), because there is no SDK there. Nothing here is secret: the code
// is useless without the app secret, which only the server has.

const metaOrigins = ["https://www.facebook.com", "https://web.facebook.com"];

export function start(wizard, options) {
    const allowed = options.sandboxPopupUrl ? [new URL(options.sandboxPopupUrl).origin] : metaOrigins;
    let session = null;
    let code = null;
    let settled = false;

    const finish = () => {
        if (settled || !session || !code) {
            return;
        }
        settled = true;
        window.removeEventListener("message", listener);
        wizard.invokeMethodAsync("OnSignupFinished", code, session.waba_id, session.phone_number_id);
    };
    const cancel = (reason) => {
        if (settled) {
            return;
        }
        settled = true;
        window.removeEventListener("message", listener);
        wizard.invokeMethodAsync("OnSignupCancelled", reason);
    };
    const listener = (event) => {
        if (!allowed.includes(event.origin)) {
            return;
        }
        let message;
        try {
            message = typeof event.data === "string" ? JSON.parse(event.data) : event.data;
        } catch {
            return;
        }
        if (message?.type === "WA_EMBEDDED_SIGNUP") {
            if (message.event === "FINISH" || message.event === "FINISH_ONLY_WABA") {
                session = message.data;
                finish();
            } else if (message.event === "CANCEL") {
                cancel("The signup was cancelled before it finished.");
            } else if (message.event === "ERROR") {
                cancel(message.data?.error_message ?? "Meta reported an error during the signup.");
            }
        } else if (message?.type === "SANDBOX_FB_LOGIN") {
            if (message.authResponse?.code) {
                code = message.authResponse.code;
                finish();
            }
        }
    };
    window.addEventListener("message", listener);

    if (options.sandboxPopupUrl) {
        const url = new URL(options.sandboxPopupUrl);
        url.searchParams.set("app_id", options.appId);
        url.searchParams.set("config_id", options.configId);
        url.searchParams.set("origin", window.location.origin);
        url.searchParams.set("session_info_version", "3");
        if (!window.open(url, "whatsapp-embedded-signup", "width=640,height=720")) {
            cancel("The browser blocked the signup window. Allow pop-ups for this site and try again.");
        }
        return;
    }

    loadFacebookSdk(options).then(() => {
        window.FB.login((response) => {
            if (response.authResponse?.code) {
                code = response.authResponse.code;
                finish();
            } else {
                cancel("The signup was closed before it finished.");
            }
        }, {
            config_id: options.configId,
            response_type: "code",
            override_default_response_type: true,
            extras: { setup: {}, featureType: "", sessionInfoVersion: "3" },
        });
    }, () => cancel("Facebook's sign-in could not be loaded."));
}

function loadFacebookSdk(options) {
    if (window.FB) {
        return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
        window.fbAsyncInit = () => {
            window.FB.init({ appId: options.appId, autoLogAppEvents: true, xfbml: false, version: options.graphVersion });
            resolve();
        };
        const script = document.createElement("script");
        script.src = "https://connect.facebook.net/en_US/sdk.js";
        script.async = true;
        script.crossOrigin = "anonymous";
        script.onerror = reject;
        document.head.appendChild(script);
    });
}
