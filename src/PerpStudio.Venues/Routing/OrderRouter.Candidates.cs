using PerpStudio.Domain.Errors;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PerpStudio.Domain.Orders;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Routing.Health;
using PerpStudio.Venues.Routing.Pricing;

namespace PerpStudio.Venues.Routing;

/// <summary>Gathering what the planner needs from each venue: capabilities, health, market spec and book.</summary>
public sealed partial class OrderRouter
{
    /// <summary>Every venue priced; <paramref name="fresh"/> fetches books instead of using the cache (a re-route after a failure).</summary>
    private async Task<IReadOnlyList<VenueCandidate>> GatherAsync(string operatorId, OrderRequest order, IEnumerable<VenueId> venues, bool fresh, CancellationToken cancellationToken)
    {
        var tasks = venues.Select(v => CandidateAsync(operatorId, order, v, fresh, cancellationToken)).ToArray();
        return await Task.WhenAll(tasks);
    }

    private async Task<VenueCandidate> CandidateAsync(string operatorId, OrderRequest order, VenueId id, bool fresh, CancellationToken cancellationToken)
    {
        var noFees = new VenueFeeSchedule(Domain.Primitives.Rate.Zero, Domain.Primitives.Rate.Zero);
        var venue = _venues.Find(operatorId, id);
        if (venue is null)
        {
            return new VenueCandidate(id, noFees, null, null, VenueExclusion.NotConfigured, $"operator {operatorId} has no account at {id}");
        }

        var fees = venue.Capabilities.Fees;
        var gap = CapabilityGap(venue.Capabilities, order);
        if (gap is not null)
        {
            return new VenueCandidate(id, fees, null, null, VenueExclusion.Capability, gap);
        }

        var circuit = _circuits.For(id);
        if (!circuit.AdmitsNewWork)
        {
            return new VenueCandidate(id, fees, null, null, VenueExclusion.CircuitOpen, $"circuit {circuit.Status}");
        }

        try
        {
            var markets = await MarketsAsync(operatorId, venue, circuit, cancellationToken);
            var spec = markets.FirstOrDefault(m => m.Id == order.Market)?.Spec;
            if (spec is null)
            {
                return new VenueCandidate(id, fees, null, null, VenueExclusion.NoMarket, $"{order.Market} is not listed at {id}");
            }

            Task<Result<OrderBookSnapshot>> Fetch(CancellationToken ct) =>
                circuit.RunAsync("book", t => venue.GetOrderBookAsync(order.Market, _options.BookDepth, t), ct);
            var book = fresh ? await Fetch(cancellationToken) : await _books.GetAsync(venue, order.Market, _options.BookDepth, Fetch, cancellationToken);
            if (!book.IsSuccess)
            {
                return book.Error.Code == VenueRejectCodes.UnknownMarket
                    ? new VenueCandidate(id, fees, null, null, VenueExclusion.NoMarket, book.Error.Message)
                    : new VenueCandidate(id, fees, null, null, VenueExclusion.Unavailable, book.Error.ToString());
            }

            return new VenueCandidate(id, fees, spec, book.Value);
        }
        catch (BrokenCircuitException ex)
        {
            return new VenueCandidate(id, fees, null, null, VenueExclusion.CircuitOpen, ex.Message);
        }
        catch (Exception ex) when (ex is VenueUnavailableException or TimeoutRejectedException)
        {
            return new VenueCandidate(id, fees, null, null, VenueExclusion.Unavailable, ex.Message);
        }
    }

    private async Task<IReadOnlyList<VenueMarket>> MarketsAsync(string operatorId, IVenue venue, VenueCircuit circuit, CancellationToken cancellationToken)
    {
        var key = (operatorId, venue.Id);
        var now = _time.GetUtcNow();
        if (_markets.TryGetValue(key, out var cached) && now - cached.At < _options.MarketsRefresh)
        {
            return cached.Markets;
        }

        var markets = await circuit.RunAsync("markets", venue.GetMarketsAsync, cancellationToken);
        _markets[key] = (now, markets);
        return markets;
    }
}
