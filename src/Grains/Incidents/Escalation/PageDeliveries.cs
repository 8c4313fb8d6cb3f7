using IncidentActors.Responders;

namespace IncidentActors.Incidents;

/// <summary>Delivery receipts of the incident's pages, as the responders' channels report them.</summary>
internal static class PageDeliveries
{
    /// <summary>Keeps the latest receipt per channel of the page; false for a page this incident did not send.</summary>
    public static bool Record(List<PageRecord> pages, string idempotencyKey, string responderId, DeliveryRecord delivery)
    {
        var index = pages.FindIndex(p => p.IdempotencyKey == idempotencyKey && p.ResponderId == responderId);
        if (index < 0)
        {
            return false;
        }
        pages[index] = pages[index] with { Deliveries = pages[index].Deliveries.RemoveAll(d => d.Channel == delivery.Channel).Add(delivery) };
        return true;
    }
}
