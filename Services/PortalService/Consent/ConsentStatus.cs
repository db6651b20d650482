namespace WhatsAppGenesys.PortalService.Consent;

/// <summary>Whether a contact accepts marketing (business-initiated messages); stored and shown as these strings.</summary>
public static class ConsentStatus
{
    public const string OptedIn = "opted_in";
    public const string OptedOut = "opted_out";

    public static bool IsKnown(string? status) => status is OptedIn or OptedOut;
}

/// <summary>What changed a contact's consent.</summary>
public static class ConsentSources
{
    /// <summary>Created by a CSV import (the business vouches for the consent it collected).</summary>
    public const string Import = "import";

    /// <summary>Created or changed through the portal API.</summary>
    public const string Api = "api";

    /// <summary>The customer wrote an opt-out or opt-in keyword.</summary>
    public const string Keyword = "keyword";

    /// <summary>The customer answered a campaign (e.g. its opt-out button).</summary>
    public const string CampaignReply = "campaign_reply";
}

/// <summary>What a consent history row records.</summary>
public static class ConsentActions
{
    public const string OptedIn = "opted_in";
    public const string OptedOut = "opted_out";

    /// <summary>An opted-out contact opted in again.</summary>
    public const string Resubscribed = "resubscribed";
}
