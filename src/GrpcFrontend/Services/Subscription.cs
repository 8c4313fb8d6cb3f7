using System.Threading.Channels;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class Subscription<TItem>(ChannelReader<TItem> items, Func<Task> dispose) : IAsyncDisposable
{
    public ChannelReader<TItem> Items { get; } = items;

    public async ValueTask DisposeAsync() => await dispose();
}
