using System.Net;

namespace WhatsAppGenesys.AdminDashboard.SystemApi;

/// <summary>A call to the system that did not succeed, with the problem's own words for the page to show.</summary>
public sealed class GatewayException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
