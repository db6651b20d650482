using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace WhatsAppGenesys.SandboxKit.Faults;

/// <summary>
/// The control routes of a simulator's faults, under its /sandbox group: <c>GET /faults</c> (the rules in force),
/// <c>POST /faults</c> (201 with the rule, or 400 with why not), <c>DELETE /faults</c> and <c>DELETE /faults/{id}</c>.
/// A rule is shown as its request's fields plus <c>id</c>, <c>remaining</c> (null without a count), <c>expiresAt</c>
/// and <c>hits</c>.
/// </summary>
public static class FaultEndpoints
{
    /// <param name="refusal">Why a request cannot be a rule (e.g. it does nothing), or null.</param>
    public static RouteGroupBuilder MapFaultEndpoints<TRequest>(this RouteGroupBuilder sandbox, Func<TRequest, string?> refusal)
        where TRequest : IFaultRequest
    {
        // As Delegates: ASP.NET Core's route-handler analyzer fails on handlers of an open generic type.
        var routes = new FaultRoutes<TRequest>(refusal);
        Delegate list = routes.List, add = routes.Add, clear = routes.Clear, remove = routes.Remove;
        sandbox.MapGet("/faults", list);
        sandbox.MapPost("/faults", add);
        sandbox.MapDelete("/faults", clear);
        sandbox.MapDelete("/faults/{id}", remove);
        return sandbox;
    }

    /// <summary>Registers the store; <paramref name="unscoped"/> says which paths a rule without a path covers.</summary>
    public static IServiceCollection AddFaultStore<TRequest>(this IServiceCollection services, Func<string, bool>? unscoped = null)
        where TRequest : IFaultRequest =>
        services.AddSingleton(provider => new FaultStore<TRequest>(provider.GetRequiredService<TimeProvider>(), unscoped));
}

/// <summary>The handlers behind <see cref="FaultEndpoints.MapFaultEndpoints{TRequest}"/>.</summary>
internal sealed class FaultRoutes<TRequest>(Func<TRequest, string?> refusal) where TRequest : IFaultRequest
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IResult List(FaultStore<TRequest> faults) => Results.Json(faults.Active().Select(Describe));

    public IResult Add(TRequest request, FaultStore<TRequest> faults)
    {
        if (refusal(request) is { } why)
        {
            return Results.Problem(why, statusCode: StatusCodes.Status400BadRequest);
        }
        var rule = faults.Add(request);
        return Results.Created($"/sandbox/faults/{rule.Id}", Describe(rule));
    }

    public IResult Clear(FaultStore<TRequest> faults)
    {
        faults.Clear();
        return Results.NoContent();
    }

    public IResult Remove(string id, FaultStore<TRequest> faults) => faults.Remove(id) ? Results.NoContent() : Results.NotFound();

    private static JsonObject Describe(FaultRule<TRequest> rule)
    {
        var described = JsonSerializer.SerializeToNode(rule.Request, Json)!.AsObject();
        described["id"] = rule.Id;
        described["remaining"] = rule.Remaining < 0 ? null : rule.Remaining;
        described["expiresAt"] = rule.ExpiresAt;
        described["hits"] = rule.Hits;
        return described;
    }
}
