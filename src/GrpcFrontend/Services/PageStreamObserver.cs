using System.Threading.Channels;
using IncidentActors.Responders;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class PageStreamObserver : IPageObserver
{
    public Channel<Page> Pages { get; } = ObserverSubscriptions.NewBuffer<Page>();

    public Task OnPage(Page page)
    {
        Pages.Writer.TryWrite(page);
        return Task.CompletedTask;
    }
}
