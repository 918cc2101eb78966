using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Simulated.Matching;

namespace PerpStudio.Venues.Simulated.Tests.Matching;

public sealed class OrderBookPropertyTests
{
    /// <summary>One random step: 0-3 submit (GTC, IOC, post-only, market), 4 cancel, 5 modify the order picked by <paramref name="Pick"/>.</summary>
    public sealed record Step(int Kind, int Account, Side Side, long Ticks, long Quantity, int Pick);

    private static readonly Gen<Step> StepGen =
        from kind in Gen.Choose(0, 5)
        from account in Gen.Choose(1, 4)
        from side in Gen.Elements(Side.Buy, Side.Sell)
        from ticks in Gen.Choose(90, 110)
        from quantity in Gen.Choose(1, 50)
        from pick in Gen.Choose(0, 1000)
        select new Step(kind, account, side, ticks, quantity, pick);

    [Fact]
    public void The_book_never_crosses_and_every_unit_submitted_is_filled_resting_or_cancelled()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Gen.ListOf(StepGen).ToArbitrary(), steps =>
        {
            var sink = new RecordingSink();
            var book = new OrderBook(sink);
            var live = new List<long>();
            long submitted = 0, cancelled = 0, nextId = 1;
            foreach (var step in steps)
            {
                if (step.Kind <= 3)
                {
                    var id = nextId++;
                    var tif = step.Kind switch { 1 or 3 => BookTimeInForce.Ioc, 2 => BookTimeInForce.PostOnly, _ => BookTimeInForce.Gtc };
                    var limit = step.Kind == 3 ? (step.Side == Side.Buy ? long.MaxValue : long.MinValue) : step.Ticks;
                    submitted += step.Quantity;
                    var result = book.Submit(id, step.Account, step.Side, limit, step.Quantity, tif);
                    result.Filled.ShouldBe(step.Quantity - result.Remaining);
                    if (result.Status is MatchStatus.Cancelled or MatchStatus.Rejected)
                    {
                        cancelled += result.Remaining;
                    }
                    else
                    {
                        live.Add(id);
                    }
                }
                else if (live.Count > 0)
                {
                    var target = live[step.Pick % live.Count];
                    if (!book.TryGetOrder(target, out _, out _, out var before))
                    {
                        continue;
                    }

                    if (step.Kind == 4)
                    {
                        book.TryCancel(target, out var remaining).ShouldBeTrue();
                        cancelled += remaining;
                    }
                    else if (book.TryModify(target, step.Ticks, step.Quantity, BookTimeInForce.Gtc, out var result) && result.Status != MatchStatus.Rejected)
                    {
                        cancelled += before;
                        submitted += step.Quantity;
                    }
                }

                cancelled += sink.Cancels.Sum(c => c.Remaining);
                sink.Cancels.Clear();
                live.RemoveAll(id => !book.TryGetOrder(id, out _, out _, out _));
                if (book.TryGetBestBid(out var bid) && book.TryGetBestAsk(out var ask) && bid >= ask)
                {
                    return false;
                }
            }

            long resting = 0;
            foreach (var id in live)
            {
                book.TryGetOrder(id, out _, out _, out var remaining);
                resting += remaining;
            }

            var levels = new LevelView[64];
            var levelTotal = levels[..book.CopyBids(levels)].ToArray().Sum(l => l.Quantity) + levels[..book.CopyAsks(levels)].ToArray().Sum(l => l.Quantity);
            var filled = 2 * sink.Trades.Sum(t => t.Quantity);
            return filled + resting + cancelled == submitted
                && levelTotal == resting
                && book.OrderCount == live.Count
                && sink.Trades.All(t => t.MakerAccount != t.TakerAccount);
        }));
    }
}
