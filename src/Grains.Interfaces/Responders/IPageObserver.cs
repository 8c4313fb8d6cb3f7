using Orleans.Concurrency;

namespace IncidentActors.Responders;

/// <summary>A live page stream of one responder (a gRPC WatchPages call).</summary>
[Alias("IncidentActors.Responders.IPageObserver")]
public interface IPageObserver : IGrainObserver
{
    [Alias("OnPage"), OneWay]
    Task OnPage(Page page);
}
