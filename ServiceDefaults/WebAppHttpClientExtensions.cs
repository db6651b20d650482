using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly.Timeout;

namespace Microsoft.Extensions.Hosting;

public static class WebAppHttpClientExtensions
{
    /// <summary>
    /// For the web apps' HttpClients, which call the system on a person's behalf: the standard resilience handler, with
    /// two changes. The circuit breaker opens only when the other side cannot be reached at all, not on error answers:
    /// the pages show each refusal as it comes, and a breaker counting them would turn the errors one screen provokes
    /// (a refused replay, a 5xx from a service being restarted) into a broken page for every user. And a POST, PUT or
    /// DELETE is never repeated behind the user's back (a tenant created twice, a reply sent twice).
    /// <paramref name="attemptTimeout"/> replaces the standard 10 s for a client whose calls wait on a provider.
    /// </summary>
    public static IHttpClientBuilder WithUserFacingResilience(this IHttpClientBuilder client, TimeSpan? attemptTimeout = null)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the default.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        client.AddStandardResilienceHandler(options =>
        {
            options.CircuitBreaker.ShouldHandle = args =>
                ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or TimeoutRejectedException);
            options.Retry.DisableForUnsafeHttpMethods();
            if (attemptTimeout is { } timeout)
            {
                // The standard handler requires the total to cover an attempt and the breaker to sample two of them.
                options.AttemptTimeout.Timeout = timeout;
                options.TotalRequestTimeout.Timeout = Max(options.TotalRequestTimeout.Timeout, timeout * 2);
                options.CircuitBreaker.SamplingDuration = Max(options.CircuitBreaker.SamplingDuration, timeout * 2);
            }
        });
        return client;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
