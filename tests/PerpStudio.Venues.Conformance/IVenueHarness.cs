using PerpStudio.Domain.Markets;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Conformance;

/// <summary>
/// A venue ready for the conformance suite: an account with collateral and no position in <see cref="Market"/>,
/// a market with resting liquidity on both sides, and no injected faults.
/// </summary>
public interface IVenueHarness : IAsyncDisposable
{
    /// <summary>The venue, connected through the test account.</summary>
    IVenue Venue { get; }

    /// <summary>A liquid market to trade in.</summary>
    MarketId Market { get; }
}

/// <summary>
/// Makes a fresh <see cref="IVenueHarness"/> for each test. An adapter's test project implements one factory and
/// derives, for each conformance class its capabilities allow, a sealed class:
/// <c>public sealed class HyperliquidOrderEntry : OrderEntryConformance&lt;HyperliquidHarnessFactory&gt;;</c>.
/// xunit 2 cannot skip a test at run time, so a capability the venue lacks is expressed by not deriving its class.
/// </summary>
public interface IVenueHarnessFactory
{
    /// <summary>Creates a venue and account for one test.</summary>
    Task<IVenueHarness> CreateAsync();
}
