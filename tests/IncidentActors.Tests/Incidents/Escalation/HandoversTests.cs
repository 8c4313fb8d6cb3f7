using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.OnCall;
using IncidentActors.Responders;
using Xunit;

namespace IncidentActors.Tests.Incidents.Escalation;

public sealed class HandoversTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PendingHandover Pending = new("emea-primary", "bo", Now);

    [Fact]
    public void OneShiftChangeIsOnePage() =>
        Assert.Equal($"checkout-1/handover/emea-primary/{Now.UtcTicks}", Handovers.Key("checkout-1", new Handover("emea-primary", "ana", "bo", "emea", Now)));

    [Fact]
    public void OnlyTheIncomingResponderAcceptsAWaitingHandover()
    {
        Assert.Throws<IllegalTransitionException>(() => Handovers.EnsureMayAccept("checkout-1", null, "bo"));
        Assert.Throws<IllegalTransitionException>(() => Handovers.EnsureMayAccept("checkout-1", Pending, "ana"));
        Handovers.EnsureMayAccept("checkout-1", Pending, "bo");
    }

    [Fact]
    public void AHandoverIsUnacceptedOnlyAtItsOwnTimeAndWhileUnresolved()
    {
        Assert.Equal(Pending, Handovers.Unaccepted(new IncidentState { PendingHandover = Pending }, Now, Now));
        Assert.Null(Handovers.Unaccepted(new IncidentState { PendingHandover = Pending }, Now, Now.AddSeconds(-1)));
        Assert.Null(Handovers.Unaccepted(new IncidentState { PendingHandover = Pending }, Now.AddMinutes(-5), Now));
        Assert.Null(Handovers.Unaccepted(new IncidentState { PendingHandover = Pending, Status = IncidentStatus.Resolved }, Now, Now));
    }

    [Fact]
    public void ADeliveryReceiptReplacesTheChannelsLastOne()
    {
        List<PageRecord> pages = [new PageRecord("k", "bo", 1, 1, null, Now, [new DeliveryRecord("stream", DeliveryStatus.Failed, 1, Now, null, "no live page stream")])];
        var delivered = new DeliveryRecord("stream", DeliveryStatus.Delivered, 2, Now, null, null);

        Assert.True(PageDeliveries.Record(pages, "k", "bo", delivered));
        Assert.Equal([delivered], pages[0].Deliveries.ToArray());
        Assert.False(PageDeliveries.Record(pages, "k", "ana", delivered));
    }
}
