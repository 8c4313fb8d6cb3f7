using System.Collections.Immutable;
using CsCheck;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.OnCall;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Vendors;
using Microsoft.Extensions.Options;
using Xunit;
using static IncidentActors.Tests.Properties.Generators;

namespace IncidentActors.Tests.Properties;

/// <summary>
/// A validator refuses with <see cref="InvalidRequestException"/> naming fields, or accepts; any other exception would
/// reach callers as an internal error.
/// </summary>
public sealed class ValidatorProperties
{
    public const int Cases = 1500;

    /// <summary>Fewer: every pattern is compiled for linear-time matching, which costs a fraction of a millisecond each.</summary>
    public const int RuleSetCases = 300;

    private static readonly WebhookDestinations Destinations = new(Options.Create(new WebhookDeliveryOptions { AllowedInternalHosts = ["127.0.0.1"] }));

    private static readonly Gen<ImmutableSortedDictionary<string, string>> Details =
        Gen.Select(Text, Text).Array[0, 4].Select(pairs => pairs.Where(p => p.Item1.Length > 0)
            .Aggregate(ImmutableSortedDictionary<string, string>.Empty, (map, p) => map.SetItem(p.Item1, p.Item2)));

    private static readonly Gen<AlertEvent> Alerts =
        Gen.Select(Text.Array[5, 5], OptionalText.Array[5, 5], Gen.Select(AnyEnum<AlertAction>(), AnyEnum<AlertSeverity>()), Details,
            Gen.Int[-2, 5].Select(n => n < 0 ? (int?)null : n),
            (text, optional, enums, details, firing) => new AlertEvent(text[0], enums.Item1, optional[0], text[1], text[2], enums.Item2, optional[1], details,
                text[3], optional[2], optional[3], optional[4], firing));

    private static readonly Gen<ServiceDefinition> Services =
        Gen.Select(Text.Array[4, 4], OptionalText.Array[2, 2], Arrays(Text), AnyEnum<BusinessImpact>(),
            Gen.Frequency((1, Gen.Const((AlertGrouping?)null)), (3, Gen.Select(Arrays(Text), Duration, Duration, Gen.Bool, (by, window, wait, perAlert) => (AlertGrouping?)new AlertGrouping(by, window, wait, perAlert)))),
            (text, optional, dependsOn, impact, grouping) => new ServiceDefinition(text[0], text[1], text[2], text[3], optional[0], optional[1], dependsOn, impact, grouping));

    private static readonly Gen<ResponderDefinition> Responders =
        Gen.Select(Text.Array[3, 3], Arrays(Gen.Select(Pick("https://hooks.example.com/p", "http://127.0.0.1:8080/p", "http://hooks.example.com/p", "https://10.0.0.1/p", "ftp://x"), Text,
            (url, secret) => new WebhookContact(url, secret))), (text, webhooks) => new ResponderDefinition(text[0], text[1], text[2], webhooks));

    private static readonly Gen<RotationDefinition> Rotations =
        Gen.Select(Text.Array[2, 2],
            Arrays(Gen.Select(Text, Arrays(Text), Duration, Instant, Text, Arrays(Gen.Select(Gen.Int[0, 1439], Gen.Int[0, 1439], (a, b) => new DailyWindow(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(a)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(b))))),
                (name, participants, length, start, zone, windows) => new RotationLayer(name, participants, length, start, zone, windows))),
            Arrays(Gen.Select(Text, Text, Gen.Int[0, 1439], Arrays(Text), (region, zone, start, participants) => new SunRegion(region, zone, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)), participants))),
            Arrays(Gen.Select(Text, Instant, Instant, OptionalText, (who, start, end, reason) => new RotationOverride(who, start, end, reason))),
            (text, layers, regions, overrides) => new RotationDefinition(text[0], text[1], layers, regions, overrides));

    private static readonly Gen<EscalationPolicyDefinition> Policies =
        Gen.Select(Text.Array[2, 2],
            Arrays(Gen.Select(Arrays(Gen.Select(AnyEnum<EscalationTargetKind>(), Text, (kind, id) => new EscalationTarget(kind, id))), Duration, (targets, within) => new EscalationLevel(targets, within))),
            Gen.Int[-2, 12], Duration,
            (text, levels, repeats, handover) => new EscalationPolicyDefinition(text[0], text[1], levels, repeats, handover));

    private static readonly Gen<LifecycleModel> Models = Gen.Frequency(
        (1, Pick(BusinessUnitDefaults.Itil, BusinessUnitDefaults.Sre)),
        (3, Gen.Select(Text, Arrays(Gen.Select(Pick("new", "open", "acknowledged", "resolved", "closed", ""), AnyEnum<LifecyclePhase>(), (name, phase) => new LifecycleState(name, phase)), 8),
            Arrays(Gen.Select(Pick("new", "open", "acknowledged", "resolved", "closed", "x"), Pick("new", "open", "acknowledged", "resolved", "closed", "x"), (from, to) => new LifecycleTransition(from, to)), 10),
            (name, states, transitions) => new LifecycleModel(name, states, transitions))));

    private static readonly Gen<SeverityMatrix> Matrices = Gen.Frequency(
        (1, Gen.Const(BusinessUnitDefaults.StandardMatrix)),
        (2, Arrays(Arrays(AnyEnum<IncidentSeverity>(), 5), 5).Select(rows => new SeverityMatrix(rows))));

    private static readonly Gen<BusinessUnitDefinition> Units =
        Gen.Select(Text.Array[3, 3], Models, Matrices, Arrays(Gen.Select(Text, Arrays(Text), (tag, who) => new RegulatoryTag(tag, who))),
            Arrays(Gen.Select(AnyEnum<IncidentSeverity>(), AnyEnum<ResponseDuty>(), Duration, (severity, duty, within) => new ResponseTimeLimit(severity, duty, within))),
            Arrays(Text),
            (text, model, matrix, tags, limits, stakeholders) => new BusinessUnitDefinition(text[0], text[1], text[2], model, matrix, tags, limits, stakeholders));

    private static readonly Gen<ImmutableArray<ClassificationRule>> RuleSets =
        Arrays(Gen.Select(Text, Text, AnyEnum<Urgency>(),
            Arrays(Gen.Select(Gen.Frequency((3, Pick("summary", "source", "detail.host")), (1, Text)),
                Gen.Frequency((3, Pick("disk (is )?full", "^(a+)+$", @"(a)\1", "(?=x)y", "(", "[z-a]", "a{2,1}", @"\p{Nope}")), (1, Text)),
                (field, pattern) => new RuleCondition(field, pattern))),
            (name, category, urgency, when) => new ClassificationRule(name, category, urgency, when)));

    private static readonly Gen<VendorDefinition> Vendors =
        Gen.Select(Text.Array[3, 3], Duration, (text, response) => new VendorDefinition(text[0], text[1], response, text[2]));

    [Fact]
    public void AlertValidatorRefusesOnlyWithAValidationError() => Alerts.Sample(alert => Refuses(() => AlertValidator.Validate(alert)), iter: Cases, threads: 1);

    [Fact]
    public void ServiceValidatorRefusesOnlyWithAValidationError() =>
        Services.Sample(service => Refuses(() => ServiceDefinitionValidator.Validate(service.Id, service)), iter: Cases, threads: 1);

    [Fact]
    public void ResponderValidatorRefusesOnlyWithAValidationError() =>
        Responders.Sample(responder => Refuses(() => ResponderValidator.Validate(responder.Id, responder, Destinations)), iter: Cases, threads: 1);

    [Fact]
    public void RotationValidatorRefusesOnlyWithAValidationError() =>
        Rotations.Sample(rotation => Refuses(() => RotationValidator.Validate(rotation.Id, rotation)), iter: Cases, threads: 1);

    [Fact]
    public void EscalationPolicyValidatorRefusesOnlyWithAValidationError() =>
        Policies.Sample(policy => Refuses(() => EscalationPlan.Validate(policy.Id, policy)), iter: Cases, threads: 1);

    [Fact]
    public void BusinessUnitValidatorRefusesOnlyWithAValidationError() =>
        Units.Sample(unit => Refuses(() => BusinessUnitValidator.Validate(unit.Id, unit)), iter: Cases, threads: 1);

    [Fact]
    public void ClassificationRulesValidatorRefusesOnlyWithAValidationError() =>
        Gen.Select(RuleSets, Text).Sample((rules, publishedBy) => Refuses(() => AlertClassifier.Validate(rules, publishedBy)), iter: RuleSetCases, threads: 1,
            print: run => $"{(run.Item1.IsDefault ? "default" : string.Join("; ", run.Item1))} by '{run.Item2}'");

    [Fact]
    public void VendorValidatorRefusesOnlyWithAValidationError() =>
        Vendors.Sample(vendor => Refuses(() => VendorValidator.Validate(vendor.Id, vendor)), iter: Cases, threads: 1);

    /// <summary>Accepts, or refuses naming at least one field with a description.</summary>
    private static void Refuses(Action validate)
    {
        try
        {
            validate();
        }
        catch (InvalidRequestException e)
        {
            Assert.NotEmpty(e.Violations);
            Assert.All(e.Violations, v => Assert.False(string.IsNullOrEmpty(v.Description)));
        }
    }
}
