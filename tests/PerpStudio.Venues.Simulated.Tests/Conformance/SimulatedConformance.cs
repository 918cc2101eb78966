using PerpStudio.Testing;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Venues.Conformance;
using PerpStudio.Venues.Contract;

namespace PerpStudio.Venues.Simulated.Tests.Conformance;

/// <summary>A fresh seeded simulated venue on a manual clock, with one funded operator account, per test.</summary>
public sealed class SimulatedHarnessFactory : IVenueHarnessFactory
{
    /// <inheritdoc />
    public Task<IVenueHarness> CreateAsync()
    {
        var exchange = new SimulatedExchange(SimulatedVenueOptions.Default(new VenueId("sim-test"), seed: 42), new ManualTimeProvider());
        var venue = exchange.OpenAccount("operator-1", Money.Of(1_000_000m));
        return Task.FromResult<IVenueHarness>(new Harness(exchange, venue));
    }

    private sealed class Harness(SimulatedExchange exchange, IVenue venue) : IVenueHarness
    {
        public IVenue Venue => venue;

        public MarketId Market => new("BTC-USD");

        public ValueTask DisposeAsync()
        {
            exchange.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

// The simulated venue supports every capability, so it derives every conformance class.
public sealed class SimulatedMarketData : MarketDataConformance<SimulatedHarnessFactory>;

public sealed class SimulatedOrderEntry : OrderEntryConformance<SimulatedHarnessFactory>;

public sealed class SimulatedPostOnly : PostOnlyConformance<SimulatedHarnessFactory>;

public sealed class SimulatedReduceOnly : ReduceOnlyConformance<SimulatedHarnessFactory>;

public sealed class SimulatedCancelByClientId : CancelByClientIdConformance<SimulatedHarnessFactory>;

public sealed class SimulatedModify : ModifyConformance<SimulatedHarnessFactory>;

public sealed class SimulatedTriggerOrders : TriggerOrderConformance<SimulatedHarnessFactory>;

public sealed class SimulatedTrades : TradesConformance<SimulatedHarnessFactory>;
