using System.Text.RegularExpressions;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.TenantService.Tenants;

/// <summary>
/// Field rules for the tenant API. Error keys are the JSON paths of the offending fields (for example
/// <c>genesys.regionDomain</c>, <c>whatsApp.phoneNumberIds[1]</c>) so a client can point at the field.
/// </summary>
public static partial class TenantValidator
{
    public const string DefaultGraphApiVersion = "v23.0";
    private const int MaxSecretLength = 4096;
    private const int MaxPhoneNumbers = 50;

    public static Dictionary<string, string[]> ValidateCreate(CreateTenantRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is not null && !TenantIds.IsValid(request.Id))
        {
            errors["id"] = ["Must be 1-63 characters of lower-case letters, digits and '-', starting with a letter or digit."];
        }
        ValidateName(request.Name, errors);
        ValidateContact(request.ContactEmail, errors);
        if (request.WhatsApp is not null)
        {
            ValidateWhatsApp(request.WhatsApp, errors, "whatsApp.");
        }
        if (request.Genesys is not null)
        {
            ValidateGenesys(request.Genesys, errors, "genesys.");
        }
        if (request.Rcs is not null)
        {
            ValidateRcs(request.Rcs, errors, "rcs.");
        }
        return errors;
    }

    public static Dictionary<string, string[]> ValidateUpdate(UpdateTenantRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateName(request.Name, errors);
        ValidateContact(request.ContactEmail, errors);
        return errors;
    }

    public static Dictionary<string, string[]> ValidateWhatsApp(WhatsAppConfigRequest request, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        ValidateWhatsApp(request, errors, prefix);
        return errors;
    }

    public static Dictionary<string, string[]> ValidateGenesys(GenesysConfigRequest request, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        ValidateGenesys(request, errors, prefix);
        return errors;
    }

    public static Dictionary<string, string[]> ValidateRcs(RcsConfigRequest request, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>();
        ValidateRcs(request, errors, prefix);
        return errors;
    }

    private static void ValidateName(string? name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["Required."];
        }
        else if (name.Length > 200)
        {
            errors["name"] = ["At most 200 characters."];
        }
    }

    // A light check (one '@', something either side, no spaces): the address is for people to write to, and only a
    // delivered mail proves more.
    private static void ValidateContact(string? contactEmail, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(contactEmail))
        {
            return;
        }
        if (contactEmail.Trim().Length > 254 || !ContactEmail().IsMatch(contactEmail.Trim()))
        {
            errors["contactEmail"] = ["Must be an e-mail address such as ops@example.com (at most 254 characters)."];
        }
    }

    private static void ValidateWhatsApp(WhatsAppConfigRequest request, Dictionary<string, string[]> errors, string prefix)
    {
        if (string.IsNullOrEmpty(request.WabaId))
        {
            errors[prefix + "wabaId"] = ["Required."];
        }
        else if (!NumericId().IsMatch(request.WabaId))
        {
            errors[prefix + "wabaId"] = ["Must be the numeric WhatsApp Business Account id."];
        }

        if (request.PhoneNumberIds is not { Count: > 0 } phoneNumberIds)
        {
            errors[prefix + "phoneNumberIds"] = ["At least one phone number id is required."];
        }
        else if (phoneNumberIds.Count > MaxPhoneNumbers)
        {
            errors[prefix + "phoneNumberIds"] = [$"At most {MaxPhoneNumbers} phone number ids."];
        }
        else
        {
            for (var i = 0; i < phoneNumberIds.Count; i++)
            {
                if (phoneNumberIds[i] is not { } id || !NumericId().IsMatch(id))
                {
                    errors[$"{prefix}phoneNumberIds[{i}]"] = ["Must be a numeric WhatsApp phone number id."];
                }
                else if (phoneNumberIds.Take(i).Contains(id, StringComparer.Ordinal))
                {
                    errors[$"{prefix}phoneNumberIds[{i}]"] = ["Listed twice."];
                }
            }
        }

        if (request.DisplayPhoneNumber is not null && !DisplayPhoneNumber().IsMatch(request.DisplayPhoneNumber))
        {
            errors[prefix + "displayPhoneNumber"] = ["Must look like a phone number, e.g. +15550783881."];
        }
        if (request.GraphApiVersion is not null && !GraphApiVersion().IsMatch(request.GraphApiVersion))
        {
            errors[prefix + "graphApiVersion"] = ["Must be a Graph API version such as v23.0."];
        }
        ValidateSecret(request.AccessToken, prefix + "accessToken", errors);
        ValidateSecret(request.AppSecret, prefix + "appSecret", errors);
        ValidateSecret(request.WebhookVerifyToken, prefix + "webhookVerifyToken", errors);
    }

    private static void ValidateGenesys(GenesysConfigRequest request, Dictionary<string, string[]> errors, string prefix)
    {
        if (string.IsNullOrEmpty(request.RegionDomain))
        {
            errors[prefix + "regionDomain"] = ["Required."];
        }
        else if (!GenesysRegions.IsAllowedDomain(request.RegionDomain))
        {
            errors[prefix + "regionDomain"] =
                [$"Must be one of the Genesys Cloud region domains: {string.Join(", ", GenesysRegions.DomainsByRegion.Values)}."];
        }
        if (string.IsNullOrEmpty(request.ClientId))
        {
            errors[prefix + "clientId"] = ["Required."];
        }
        else if (!Identifier().IsMatch(request.ClientId))
        {
            errors[prefix + "clientId"] = ["Must be 1-128 characters of letters, digits, '.', '_' and '-'."];
        }
        if (string.IsNullOrEmpty(request.IntegrationId))
        {
            errors[prefix + "integrationId"] = ["Required."];
        }
        else if (!IntegrationId().IsMatch(request.IntegrationId))
        {
            errors[prefix + "integrationId"] = ["Must be the Open Messaging integration id (letters, digits and '-')."];
        }
        ValidateSecret(request.ClientSecret, prefix + "clientSecret", errors);
        ValidateSecret(request.WebhookSecret, prefix + "webhookSecret", errors);
    }

    private static void ValidateRcs(RcsConfigRequest request, Dictionary<string, string[]> errors, string prefix)
    {
        ValidateIdentifier(request.AgentId, prefix + "agentId", errors);
        ValidateIdentifier(request.ClientId, prefix + "clientId", errors);
        ValidateSecret(request.ClientSecret, prefix + "clientSecret", errors);
        ValidateSecret(request.WebhookToken, prefix + "webhookToken", errors);
    }

    private static void ValidateIdentifier(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = ["Required."];
        }
        else if (!Identifier().IsMatch(value))
        {
            errors[field] = ["Must be 1-128 characters of letters, digits, '.', '_' and '-'."];
        }
    }

    // Null means "keep the stored value"; anything else must be a usable secret.
    private static void ValidateSecret(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Must not be empty; omit the field to keep the stored value."];
        }
        else if (value.Length > MaxSecretLength)
        {
            errors[field] = [$"At most {MaxSecretLength} characters."];
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ContactEmail();

    [GeneratedRegex("^[0-9]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericId();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{3,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex DisplayPhoneNumber();

    [GeneratedRegex(@"^v[0-9]{1,3}\.[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex GraphApiVersion();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[A-Za-z0-9\-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegrationId();
}
