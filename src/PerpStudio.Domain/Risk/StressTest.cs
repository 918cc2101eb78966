using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Orders;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Domain.Risk;

/// <summary>A scenario: a relative price move per market (-0.2 is -20%, exact) and an hourly funding rate per market applied for some hours.</summary>
/// <param name="PriceShocks">Relative moves by market; a market not listed does not move. At least -1 (price zero).</param>
/// <param name="HourlyFundingRates">Funding rate per hour by market (positive: longs pay); not listed means none.</param>
/// <param name="FundingHours">How many hours of that funding to charge (0 or more).</param>
public sealed record StressScenario(IReadOnlyDictionary<MarketId, Rate> PriceShocks, IReadOnlyDictionary<MarketId, Rate> HourlyFundingRates, int FundingHours);

/// <summary>A trader's book to stress: the cross account (its positions carry their marks) and the isolated positions with their marks.</summary>
/// <param name="Account">The cross account.</param>
/// <param name="Isolated">Isolated positions.</param>
/// <param name="IsolatedMarks">The mark of each isolated position's market.</param>
/// <param name="Catalog">Market rules for every market in the book.</param>
public sealed record StressBook(CrossAccount Account, IReadOnlyList<IsolatedPosition> Isolated, IReadOnlyDictionary<MarketId, Price> IsolatedMarks, MarketCatalog Catalog);

/// <summary>One position under the scenario.</summary>
/// <param name="Market">The market.</param>
/// <param name="Mode">Cross or isolated.</param>
/// <param name="Size">Signed size.</param>
/// <param name="ShockedMark">The moved mark (rounded against the position).</param>
/// <param name="UnrealizedPnl">PnL at the moved mark.</param>
/// <param name="Funding">Funding over the scenario's hours (negative when paid).</param>
/// <param name="MaintenanceMargin">Maintenance at the moved mark.</param>
/// <param name="Equity">Isolated: its margin + PnL + funding. Cross: the account value under the scenario.</param>
/// <param name="Liquidates">Isolated: its own test. Cross: the account's test.</param>
/// <param name="Shortfall">Margin it would need to survive: isolated its own, cross the account's (shared by every cross position).</param>
public sealed record StressedPosition(MarketId Market, MarginMode Mode, Quantity Size, Price ShockedMark, Money UnrealizedPnl, Money Funding, Money MaintenanceMargin, Money Equity, bool Liquidates, Money Shortfall);

/// <summary>The book under the scenario.</summary>
/// <param name="Positions">Every position, cross first (by symbol), then isolated in the order given.</param>
/// <param name="CrossAccountValue">Account value under the scenario.</param>
/// <param name="CrossMaintenance">Cross maintenance under the scenario.</param>
/// <param name="CrossLiquidates">True when the cross account would be liquidatable.</param>
/// <param name="CrossShortfall">What the cross account would need deposited to survive.</param>
/// <param name="TotalShortfall">Cross shortfall plus every isolated shortfall.</param>
public sealed record StressResult(IReadOnlyList<StressedPosition> Positions, Money CrossAccountValue, Money CrossMaintenance, bool CrossLiquidates, Money CrossShortfall, Money TotalShortfall);

/// <summary>Applies price and funding shocks to a book and reports who would be liquidated and what it would take to survive.</summary>
public static class StressTest
{
    /// <summary>Runs a scenario.</summary>
    public static Result<StressResult> Run(StressBook book, StressScenario scenario)
    {
        if (book?.Account is null || book.Isolated is null || book.IsolatedMarks is null || book.Catalog is null)
        {
            return Refusals.Required("book");
        }

        if (scenario?.PriceShocks is null || scenario.HourlyFundingRates is null)
        {
            return Refusals.Required("scenario");
        }

        if (scenario.FundingHours < 0)
        {
            return Refusals.NotPositive("funding_hours", scenario.FundingHours.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (market, shock) in scenario.PriceShocks)
        {
            if (shock.Units < -Rate.Scale)
            {
                return Refusals.RateOutOfRange("price_shock", shock.ToString(), $"-1 or more (for {market})");
            }
        }

        var results = new List<StressedPosition>(book.Account.PositionCount + book.Isolated.Count);
        var accountValue = book.Account.Collateral;
        var maintenance = Money.Zero;
        foreach (var p in book.Account.Positions)
        {
            var rules = book.Account.RulesFor(p.Market)!;
            var leg = Shock(rules, p.Position, p.Mark, scenario);
            accountValue += leg.Pnl + leg.Funding;
            maintenance += leg.Maintenance;
            results.Add(new StressedPosition(p.Market, MarginMode.Cross, p.Position.Size, leg.Mark, leg.Pnl, leg.Funding, leg.Maintenance, Money.Zero, false, Money.Zero));
        }

        var crossShortfall = Money.Max(Money.Zero, maintenance - accountValue);
        var crossLiquidates = accountValue < maintenance;
        for (var i = 0; i < results.Count; i++)
        {
            results[i] = results[i] with { Equity = accountValue, Liquidates = crossLiquidates, Shortfall = crossShortfall };
        }

        var total = crossShortfall;
        foreach (var iso in book.Isolated)
        {
            var found = book.Catalog.Find(iso.Market);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            if (!book.IsolatedMarks.TryGetValue(iso.Market, out var mark) || !mark.IsPositive)
            {
                return Refusals.MarkNotPositive($"missing for {iso.Market}");
            }

            var leg = Shock(found.Value, iso.Position, mark, scenario);
            var equity = iso.Margin + leg.Pnl + leg.Funding;
            var shortfall = Money.Max(Money.Zero, leg.Maintenance - equity);
            total += shortfall;
            results.Add(new StressedPosition(iso.Market, MarginMode.Isolated, iso.Position.Size, leg.Mark, leg.Pnl, leg.Funding, leg.Maintenance, equity, equity < leg.Maintenance, shortfall));
        }

        return new StressResult(results, accountValue, maintenance, crossLiquidates, crossShortfall, total);
    }

    private static (Price Mark, Money Pnl, Money Funding, Money Maintenance) Shock(MarketRules rules, Position position, Price mark, StressScenario scenario)
    {
        var shock = scenario.PriceShocks.TryGetValue(rules.Id, out var s) ? s : Rate.Zero;
        var moved = new Price(Math.Max(0, FixedPoint.MulDiv(mark.Units, Rate.Scale + shock.Units, Rate.Scale, MarginRounding.AdverseMarkFor(position.Sign))));
        var hourly = scenario.HourlyFundingRates.TryGetValue(rules.Id, out var h) ? h : Rate.Zero;
        var funding = FundingModel.PaymentUnchecked(position.Size, moved, FundingModel.OverHours(hourly, scenario.FundingHours)).Amount;
        return (moved, position.UnrealizedPnl(moved), funding, rules.Table.MaintenanceMargin(position.Size, moved));
    }
}
