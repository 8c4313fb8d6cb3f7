using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;

namespace IncidentActors.Subscribers;

/// <summary>Who a subscriber is to the unit; it decides nothing, it lets a unit tell its lists apart.</summary>
[GenerateSerializer, Alias("IncidentActors.Subscribers.SubscriberKind")]
public enum SubscriberKind
{
    Executive = 0,
    Support = 1,
    BusinessUnit = 2,
    Customer = 3,
}

/// <summary>
/// Someone a unit keeps informed of its published incidents: those at least <see cref="MinimumSeverity"/>, open at
/// least <see cref="MinimumDuration"/>, on one of <see cref="Services"/> (empty: any of the unit's). They hear of the
/// updates published for <see cref="Audiences"/>, their edits, and every change of the incident's public status, once an
/// update was published for one of their audiences. Reached through a responder's channels (<see cref="ResponderId"/>)
/// or an email-shaped webhook (<see cref="Email"/>), exactly one of them.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Subscribers.Subscriber")]
public sealed record Subscriber(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] SubscriberKind Kind,
    [property: Id(3)] IncidentSeverity MinimumSeverity,
    [property: Id(4)] TimeSpan MinimumDuration,
    [property: Id(5)] ImmutableArray<string> Services,
    [property: Id(6)] ImmutableArray<UpdateAudience> Audiences,
    [property: Id(7)] string? ResponderId = null,
    [property: Id(8)] EmailChannel? Email = null);

/// <summary>
/// An email-shaped webhook: each notice is POSTed as JSON with from, to, subject, text, html and mail headers, signed
/// like pages. <see cref="Secret"/> is write-only: reads show it empty, and defining again with it empty keeps it.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Subscribers.EmailChannel")]
public sealed record EmailChannel(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret,
    [property: Id(2)] string To,
    [property: Id(3)] string From);
