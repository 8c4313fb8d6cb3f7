using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Communications;

/// <summary>Template checks, bounded filling, disclosure and designees, without a cluster.</summary>
public sealed class CommunicationRulesTests
{
    private static readonly IncidentState Incident = new()
    {
        ServiceId = "checkout", BusinessUnitId = "shop", Title = "Checkout down", Category = "database", Status = IncidentStatus.Triggered,
        OpenedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void TemplateThatDoesNotParseIsRefusedNamingItsField()
    {
        var refused = Assert.Throws<InvalidRequestException>(() => UpdateTemplates.Validate(
            [new CommunicationTemplate("ok", UpdateAudience.Executives, "{{ incident.title }}", "fine"),
             new CommunicationTemplate("bad", UpdateAudience.Customers, "fine", "{% for %}")], "admin"));
        Assert.Equal("templates[1].body", Assert.Single(refused.Violations).Field);
    }

    [Fact]
    public async Task TemplateIsFilledFromTheIncident()
    {
        var model = UpdateModel.Of("checkout-1", Incident, UpdateAudience.Executives, null, "by noon");
        Assert.Equal("Checkout down on checkout, resolution by noon",
            await UpdateTemplates.FillAsync("body", "{{ incident.title }} on {{ incident.affected_services | join: ',' }}, resolution {{ estimated_resolution }}", model, default));
    }

    [Fact]
    public async Task RunawayTemplateIsStoppedByItsStepLimit()
    {
        var model = UpdateModel.Of("checkout-1", Incident, UpdateAudience.Responders, null, null);
        await Assert.ThrowsAsync<InvalidRequestException>(() =>
            UpdateTemplates.FillAsync("body", "{% for i in (1..1000000) %}{{ i }}{% endfor %}", model, default));
    }

    [Fact]
    public async Task RootCauseStaysOutOfExternalUpdatesUntilDisclosureIsCleared()
    {
        const string Template = "Cause: {{ technical.category }}";
        var withheld = await Assert.ThrowsAsync<IllegalTransitionException>(() =>
            UpdateTemplates.FillAsync("body", Template, UpdateModel.Of("checkout-1", Incident, UpdateAudience.Customers, null, null), default));
        Assert.Contains("technical.category", withheld.Message);
        Assert.Equal("Cause: database", await UpdateTemplates.FillAsync("body", Template, UpdateModel.Of("checkout-1", Incident, UpdateAudience.Responders, null, null), default));

        var cleared = new IncidentState { Title = Incident.Title, Category = "database", Disclosure = new DisclosureClearance("alice", DateTimeOffset.UnixEpoch, null) };
        Assert.Equal("Cause: database", await UpdateTemplates.FillAsync("body", Template, UpdateModel.Of("checkout-1", cleared, UpdateAudience.Customers, null, null), default));
    }

    [Fact]
    public async Task TemplatesReachNothingButTheModel()
    {
        var model = UpdateModel.Of("checkout-1", Incident, UpdateAudience.Responders, null, null);
        Assert.Equal("", await UpdateTemplates.FillAsync("body", "{{ incident.GetType }}{{ incident.EqualityContract }}{{ technical.ToString }}{{ changes.GetType }}", model, default));
    }

    [Theory]
    [InlineData("lena", new string[0], true)]
    [InlineData("pat", new[] { "legal" }, true)]
    [InlineData("pat", new[] { "sales" }, false)]
    public void DesigneesAreNamedPeopleOrMembersOfNamedGroups(string person, string[] groups, bool included) =>
        Assert.Equal(included, new Designees(["lena"], ["legal"]).Include(person, [.. groups]));

    [Fact]
    public void CustomersThePublicAndRegulatorsAreExternal() =>
        Assert.Equal([UpdateAudience.Customers, UpdateAudience.Public, UpdateAudience.Regulators],
            Enum.GetValues<UpdateAudience>().Where(CommunicationRules.IsExternal));

    [Fact]
    public void NextUpdateIsOwedOneIntervalOfTheSeverityLaterAndNoneOnceResolved()
    {
        var state = new IncidentState { Status = IncidentStatus.Triggered, UpdateIntervals = [new UpdateInterval(IncidentSeverity.Sev1, TimeSpan.FromMinutes(30))] };
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal(now.AddMinutes(30), UpdateCadences.NextDueAfterUpdate(state, IncidentSeverity.Sev1, now));
        Assert.Null(UpdateCadences.NextDueAfterUpdate(state, IncidentSeverity.Sev2, now));
        state.Status = IncidentStatus.Resolved;
        Assert.Null(UpdateCadences.NextDueAfterUpdate(state, IncidentSeverity.Sev1, now));
    }
}
