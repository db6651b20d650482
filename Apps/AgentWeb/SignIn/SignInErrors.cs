namespace WhatsAppGenesys.AgentWeb.SignIn;

/// <summary>Why a sign-in did not complete, as a code in the sign-in page's address, and in words for the agent.</summary>
public static class SignInErrors
{
    public const string UnknownWorkspace = "unknown-workspace";
    public const string WorkspaceInactive = "workspace-inactive";
    public const string WorkspaceNotConnected = "workspace-not-connected";
    public const string OtherOrganization = "other-organization";
    public const string UserInactive = "user-inactive";
    public const string Declined = "declined";
    public const string Expired = "expired";
    public const string Unavailable = "unavailable";
    public const string SessionEnded = "session-ended";
    public const string AccessRemoved = "access-removed";

    /// <summary>Where signing out lands.</summary>
    public const string SignedOutPage = "/signin?signedOut=1";

    public static string? Describe(string? code) => code switch
    {
        UnknownWorkspace => "There is no workspace with that name. Check the workspace name your administrator gave you.",
        WorkspaceInactive => "This workspace is deactivated. Ask your administrator.",
        WorkspaceNotConnected => "This workspace is not connected to Genesys Cloud yet. Ask your administrator to finish its setup.",
        OtherOrganization => "You signed in with a Genesys Cloud account of another organization. Sign in with your account of this business's Genesys Cloud.",
        UserInactive => "Your Genesys Cloud user is not active. Ask your Genesys Cloud administrator.",
        Declined => "Genesys Cloud did not complete the sign-in. Try again.",
        Expired => "The sign-in took too long or was interrupted. Start again.",
        Unavailable => "Signing in is not possible right now. Try again in a moment.",
        SessionEnded => "Your session has ended. Sign in again.",
        AccessRemoved => "You no longer have access to this workspace in Genesys Cloud. Ask your administrator.",
        null => null,
        _ => "The sign-in did not complete. Try again.",
    };
}
