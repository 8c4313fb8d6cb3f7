using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Intake;
using IncidentActors.Services;
using Xunit;

namespace IncidentActors.Tests.Domain;

public sealed class AlertmanagerGroupsTests
{
    private const string GroupKey = "{}:{alertname=\"HighErrorRate\", instance=\"checkout-1\"}";

    private static ImmutableSortedDictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToImmutableSortedDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);

    private static AlertEvent Alert(string fingerprint, AlertAction action = AlertAction.Trigger, AlertSeverity severity = AlertSeverity.Error) =>
        new("checkout", action, fingerprint, "error rate above 5%", "checkout-1", severity, null, ImmutableSortedDictionary<string, string>.Empty, "alertmanager");

    private static AlertGroupNotification Group(params AlertEvent[] alerts) => new("checkout", GroupKey,
        Labels(("instance", "checkout-1"), ("alertname", "HighErrorRate")),
        Labels(("alertname", "HighErrorRate"), ("instance", "checkout-1"), ("job", "checkout"), ("component", "api")),
        [.. alerts]);

    [Fact]
    public void TitleCountsFiringAlertsAndNamesTheGroupAlertnameFirst()
    {
        var title = AlertmanagerGroups.Title(Group(Alert("a"), Alert("b"), Alert("c"), Alert("d")), firing: 4);

        Assert.Equal("[FIRING:4] HighErrorRate checkout-1", title);
    }

    [Fact]
    public void TitleTakesOtherGroupLabelsByNameAndLeavesOtherCommonLabelsOut()
    {
        var notification = Group(Alert("a")) with { GroupLabels = Labels(("zone", "eu-1"), ("cluster", "blue"), ("alertname", "DiskFull")) };

        Assert.Equal("[FIRING:1] DiskFull blue eu-1", AlertmanagerGroups.Title(notification, firing: 1));
    }

    [Fact]
    public void TitleTakesTheAlertnameFromCommonLabelsWhenTheGroupIsNotFormedByIt()
    {
        var notification = Group(Alert("a")) with { GroupLabels = Labels(("instance", "checkout-1")) };

        Assert.Equal("[FIRING:1] HighErrorRate checkout-1", AlertmanagerGroups.Title(notification, firing: 1));
    }

    [Fact]
    public void GroupWithoutLabelsIsNamedByItsFirstAlertsSummary()
    {
        var notification = Group(Alert("a")) with { GroupLabels = Labels(), CommonLabels = Labels() };

        Assert.Equal("[FIRING:1] error rate above 5%", AlertmanagerGroups.Title(notification, firing: 1));
    }

    [Fact]
    public void ResolvedGroupIsTitledResolvedWithoutACount() =>
        Assert.Equal("[RESOLVED] HighErrorRate checkout-1", AlertmanagerGroups.Title(Group(Alert("a", AlertAction.Resolve)), firing: 0));

    [Fact]
    public void OverlongTitleIsCutToTheSummaryLimit()
    {
        var notification = Group(Alert("a")) with { GroupLabels = Labels(("alertname", new string('x', 2000))) };

        Assert.Equal(AlertValidator.MaxSummaryLength, AlertmanagerGroups.Title(notification, firing: 1).Length);
    }

    [Fact]
    public void GroupBecomesOneTriggerKeyedByItsGroupKeyCountingFiringAlerts()
    {
        var group = AlertmanagerGroups.AsOneAlert(
            Group(Alert("a"), Alert("b", severity: AlertSeverity.Critical), Alert("c", AlertAction.Resolve)), AlertGrouping.None)!;

        Assert.Equal((AlertAction.Trigger, 2, "[FIRING:2] HighErrorRate checkout-1"), (group.Action, group.GroupAlertsFiring, group.Summary));
        Assert.Equal(AlertmanagerGroups.DedupKey(GroupKey), group.DedupKey);
        Assert.Equal((AlertSeverity.Critical, "checkout-1", "api"), (group.Severity, group.Source, group.Component));
        Assert.Equal(GroupKey, group.CustomDetails["groupKey"]);
        Assert.Equal("checkout", group.CustomDetails["label.job"]);
        AlertValidator.Validate(group);
    }

    [Fact]
    public void GroupWithNoAlertFiringResolves()
    {
        var group = AlertmanagerGroups.AsOneAlert(Group(Alert("a", AlertAction.Resolve), Alert("b", AlertAction.Resolve)), AlertGrouping.None)!;

        Assert.Equal((AlertAction.Resolve, 0), (group.Action, group.GroupAlertsFiring));
    }

    [Fact]
    public void ServiceAskingForAnIncidentPerAlertTakesTheAlertsOneByOne() =>
        Assert.Null(AlertmanagerGroups.AsOneAlert(Group(Alert("a")), AlertGrouping.None with { IncidentPerAlert = true }));

    [Fact]
    public void NotificationNamingNoGroupIsTakenAlertByAlert() =>
        Assert.Null(AlertmanagerGroups.AsOneAlert(Group(Alert("a")) with { GroupKey = "" }, AlertGrouping.None));

    [Fact]
    public void DedupKeyIsStableShortAndDistinctPerGroup()
    {
        var key = AlertmanagerGroups.DedupKey(GroupKey + new string('x', 5000));

        Assert.Equal(key, AlertmanagerGroups.DedupKey(GroupKey + new string('x', 5000)));
        Assert.NotEqual(key, AlertmanagerGroups.DedupKey(GroupKey));
        Assert.True(key.Length <= AlertValidator.MaxIdLength);
    }
}
