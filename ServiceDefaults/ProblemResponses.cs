using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Reading another service's refusal. Our services answer errors as RFC 9457 problem details; a proxy, a crashed
/// process or a provider may answer anything else, which reads as no problem rather than as an exception.
/// </summary>
public static class ProblemResponses
{
    /// <summary>The response's problem details, or null when its body is not JSON (or not readable as a problem).</summary>
    public static async Task<ProblemDetails?> ReadProblemAsync(this HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemDetails>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
