using FsCheck;
using FsCheck.Fluent;
using PerpStudio.Domain.Orders;
using PerpStudio.Grains.Liquidation;

namespace PerpStudio.Grains.Tests.Liquidation;

public sealed class LiquidationSweepPropertyTests
{
    [Fact]
    public void A_sweep_finds_every_position_the_Domain_says_is_liquidatable_on_random_books_and_marks()
    {
        var gen = from seed in Gen.Choose(0, int.MaxValue)
                  from moves in Gen.Choose(1, 30)
                  from maxPercent in Gen.Elements(1, 3, 8, 20)
                  select (seed, moves, maxPercent);
        var seen = new SweepTally();
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (seed, moves, maxPercent) = input;
            var positions = new RandomRiskBook(seed, accounts: 60);
            var book = new LiquidationBook();
            foreach (var (market, mark) in positions.Marks)
            {
                book.UpdateMark(market, mark);
            }

            positions.ReportAll(book);
            EverythingLiquidatableIsACandidate(positions, book, seen);
            for (var i = 0; i < moves; i++)
            {
                var moved = positions.MoveRandomMark(maxPercent);
                seen.Triggered += book.UpdateMark(moved, positions.Marks[moved]);
                EverythingLiquidatableIsACandidate(positions, book, seen);

                // what the sweeper does with a stale account: re-read it and give its positions back
                foreach (var account in positions.Cross.Keys.Where(book.IsStale))
                {
                    book.Refresh(account, positions.CrossEntries(account));
                }

                EverythingLiquidatableIsACandidate(positions, book, seen);
            }

            return true;
        }));

        // the property was not vacuous: liquidatable isolated and cross holders were met, and cross triggers fired
        seen.Isolated.ShouldBeGreaterThan(0);
        seen.Cross.ShouldBeGreaterThan(0);
        seen.Triggered.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_sweep_of_exact_entries_returns_no_false_candidate_beyond_the_rounding_guard()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var positions = new RandomRiskBook(seed, accounts: 80);
            var book = new LiquidationBook();
            foreach (var (market, mark) in positions.Marks)
            {
                book.UpdateMark(market, mark);
            }

            positions.ReportAll(book);
            for (var i = 0; i < 10; i++)
            {
                var moved = positions.MoveRandomMark(10);
                book.UpdateMark(moved, positions.Marks[moved]);
            }

            foreach (var market in RiskMarkets.All)
            {
                var candidates = new List<PositionHolder>();
                book.Candidates(market.Id, candidates);
                foreach (var holder in candidates.Where(h => h.Mode == MarginMode.Isolated && !positions.IsLiquidatable(market.Id, h)))
                {
                    // a false isolated candidate sits within the guard (plus one tick of rounding) of the mark
                    var position = positions.Isolated[(holder.AccountKey, market.Id)];
                    var liquidation = position.LiquidationPrice(market).Price!.Value;
                    var slack = LiquidationEntryPrice.Guard(position.Position.Size, 1) + market.TickSize.Units;
                    Math.Abs(positions.Marks[market.Id].Units - liquidation.Units).ShouldBeLessThanOrEqualTo(slack, $"seed {seed}: {holder}");
                }
            }

            return true;
        }));
    }

    private static void EverythingLiquidatableIsACandidate(RandomRiskBook positions, LiquidationBook book, SweepTally seen)
    {
        foreach (var market in RiskMarkets.All)
        {
            var candidates = new HashSet<PositionHolder>();
            book.Candidates(market.Id, candidates);
            foreach (var holder in positions.HoldersIn(market.Id))
            {
                if (positions.IsLiquidatable(market.Id, holder))
                {
                    candidates.ShouldContain(holder, $"{holder} in {market.Id} at {positions.Marks[market.Id]} is liquidatable but was not found");
                    if (holder.Mode == MarginMode.Isolated)
                    {
                        seen.Isolated++;
                    }
                    else
                    {
                        seen.Cross++;
                    }
                }
            }
        }
    }

    private sealed class SweepTally
    {
        public int Isolated { get; set; }

        public int Cross { get; set; }

        public int Triggered { get; set; }
    }
}
