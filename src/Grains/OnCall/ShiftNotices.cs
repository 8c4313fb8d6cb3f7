using System.Collections.Immutable;
using System.Globalization;
using IncidentActors.Alerts;
using IncidentActors.Responders;

namespace IncidentActors.OnCall;

/// <summary>
/// What a rotation's people are told at a shift boundary: the incoming person that they are on call until their shift
/// ends, the outgoing one that they are off call and who took over. Each notice's key names the rotation, the boundary
/// and the person, so a boundary handled twice (a repeated deadline, a crash before the rotation stored it) notifies once.
/// </summary>
public static class ShiftNotices
{
    public static string Key(string rotationId, DateTimeOffset boundary, string responderId) =>
        $"shift/{rotationId}/{boundary.UtcTicks}/{responderId}";

    /// <param name="outgoing">Who was on call just before the boundary, if anyone.</param>
    /// <param name="incoming">Who is on call from the boundary, if anyone.</param>
    public static ImmutableArray<Page> At(string rotationId, string rotationName, DateTimeOffset boundary, Shift? outgoing, Shift? incoming, DateTimeOffset now)
    {
        var notices = ImmutableArray.CreateBuilder<Page>();
        if (incoming is not null)
        {
            notices.Add(Notice(rotationId, boundary, incoming, ShiftNoticeKind.OnCall,
                $"You are now on call for {rotationName} until {Time(incoming.End)}.", now));
        }
        if (outgoing is not null && outgoing.ResponderId != incoming?.ResponderId)
        {
            notices.Add(Notice(rotationId, boundary, outgoing, ShiftNoticeKind.OffCall,
                $"You are off call for {rotationName}; {(incoming is null ? "nobody is on call now" : $"{incoming.ResponderId} took over")}.", now));
        }
        return notices.ToImmutable();
    }

    private static Page Notice(string rotationId, DateTimeOffset boundary, Shift shift, ShiftNoticeKind kind, string text, DateTimeOffset now) =>
        new(Key(rotationId, boundary, shift.ResponderId), IncidentId: "", shift.ResponderId, text, AlertSeverity.Info, Level: 0, Round: 0,
            kind == ShiftNoticeKind.OnCall ? "on call" : "off call", now, Notice: new ShiftNotice(kind, text, rotationId, shift.Start, shift.End));

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
