using IncidentActors.Incidents;
using IncidentActors.Responders;
using Xunit;

namespace IncidentActors.Tests.Domain;

public sealed class DeliveryCancellationTests
{
    private static readonly DateTimeOffset PagedAt = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AcknowledgementAfterThePageCancelsItsRetries() =>
        Assert.Equal("cancelled: incident acknowledged",
            DeliveryBackoff.CancelledBy(new ResponseState(IncidentStatus.Acknowledged, PagedAt.AddSeconds(3)), PagedAt));

    [Fact]
    public void ResolutionCancelsEveryPagesRetries() =>
        Assert.Equal("cancelled: incident resolved", DeliveryBackoff.CancelledBy(new ResponseState(IncidentStatus.Resolved, PagedAt.AddHours(-1)), PagedAt));

    [Fact]
    public void PageSentToAnIncidentAlreadyAcknowledgedKeepsRetrying() =>
        Assert.Null(DeliveryBackoff.CancelledBy(new ResponseState(IncidentStatus.Acknowledged, PagedAt.AddMinutes(-5)), PagedAt));

    [Fact]
    public void TriggeredOrUnknownIncidentKeepsRetrying()
    {
        Assert.Null(DeliveryBackoff.CancelledBy(new ResponseState(IncidentStatus.Triggered, null), PagedAt));
        Assert.Null(DeliveryBackoff.CancelledBy(null, PagedAt));
    }
}
