using System.Threading.Channels;

namespace PerpStudio.Venues.Contract;

/// <summary>
/// A live feed from a venue. It is subscribed once the call that returned it has completed, so nothing that
/// happens afterwards is missed; disposing it unsubscribes. The reader completes (with an exception when the
/// connection failed) when the feed ends; a consumer then resubscribes and reconciles from history.
/// </summary>
/// <typeparam name="T">What the feed carries.</typeparam>
public interface IVenueSubscription<T> : IAsyncDisposable
{
    /// <summary>The items, in the venue's order.</summary>
    ChannelReader<T> Reader { get; }
}
