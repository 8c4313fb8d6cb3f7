using IncidentActors.Responders;

namespace IncidentActors.Incidents;

/// <summary>Delivery receipts of the incident's pages, as the responders' channels report them.</summary>
internal static class PageDeliveries
{
    /// <summary>
    /// Keeps the latest receipt per channel of the page; false when nothing changed: a page this incident did not send,
    /// or a receipt repeated or overtaken by a later attempt's.
    /// </summary>
    public static bool Record(List<PageRecord> pages, string idempotencyKey, string responderId, DeliveryRecord delivery)
    {
        var index = pages.FindIndex(p => p.IdempotencyKey == idempotencyKey && p.ResponderId == responderId);
        if (index < 0 || pages[index].Deliveries.Any(d => d.Channel == delivery.Channel && (d == delivery || Later(d, delivery))))
        {
            return false;
        }
        pages[index] = pages[index] with { Deliveries = pages[index].Deliveries.RemoveAll(d => d.Channel == delivery.Channel).Add(delivery) };
        return true;
    }

    /// <summary>A later attempt, or the same attempt settled (a cancelled retry keeps its attempt count).</summary>
    private static bool Later(DeliveryRecord known, DeliveryRecord arriving) =>
        known.Attempts > arriving.Attempts || known.Attempts == arriving.Attempts && known.At > arriving.At;
}
