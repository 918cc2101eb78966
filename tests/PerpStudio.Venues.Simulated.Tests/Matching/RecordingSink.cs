using PerpStudio.Venues.Simulated.Matching;

namespace PerpStudio.Venues.Simulated.Tests.Matching;

/// <summary>Keeps what a book reports, in order.</summary>
internal sealed class RecordingSink : IMatchSink
{
    public List<BookTrade> Trades { get; } = [];

    public List<(long OrderId, int Account, long Remaining, RestingCancelCause Cause)> Cancels { get; } = [];

    public void OnTrade(in BookTrade trade) => Trades.Add(trade);

    public void OnRestingCancelled(long orderId, int account, long remaining, RestingCancelCause cause) =>
        Cancels.Add((orderId, account, remaining, cause));
}
