using System.Collections.Immutable;
using PerpStudio.Runtime.Remote;

namespace PerpStudio.Runtime.Tests.Remote;

/// <summary>A quote submitted to <see cref="IQuoteBookGrain"/>: exact decimals and an immutable list.</summary>
/// <param name="Market">The market.</param>
/// <param name="Price">The price.</param>
/// <param name="Levels">Sizes by level.</param>
public sealed record Quote(string Market, decimal Price, ImmutableList<decimal> Levels);

/// <summary>What <see cref="IQuoteBookGrain.SubmitAsync"/> answers.</summary>
/// <param name="Market">The market.</param>
/// <param name="TotalSize">The sum of the levels.</param>
/// <param name="Quotes">How many quotes the book holds.</param>
/// <param name="At">When the quote was submitted.</param>
/// <param name="Member">The member that ran the call.</param>
public sealed record QuoteReceipt(string Market, decimal TotalSize, int Quotes, DateTimeOffset At, int Member);

/// <summary>An exception that cannot be rebuilt from a message (no such constructor).</summary>
public sealed class VenueHaltedException : Exception
{
    /// <summary>Creates it for a venue.</summary>
    /// <param name="venue">The venue.</param>
    /// <param name="since">Since when.</param>
    public VenueHaltedException(string venue, DateTimeOffset since)
        : base($"{venue} halted since {since:O}")
    {
    }
}

/// <summary>A grain whose methods cover every shape the wire carries: records, lists, nulls, no result, exceptions.</summary>
public interface IQuoteBookGrain : IGrainWithStringKey
{
    /// <summary>Adds a quote and answers a receipt.</summary>
    Task<QuoteReceipt> SubmitAsync(Quote quote, DateTimeOffset at);

    /// <summary>Every quote so far.</summary>
    ValueTask<ImmutableList<Quote>> QuotesAsync();

    /// <summary>Forgets every quote (no result).</summary>
    Task ClearAsync();

    /// <summary>Answers null.</summary>
    Task<string?> NothingAsync();

    /// <summary>The member that runs this grain.</summary>
    Task<int> MemberAsync();

    /// <summary>Throws <see cref="InvalidOperationException"/> after an await.</summary>
    Task RejectAsync(string reason);

    /// <summary>Throws <see cref="ArgumentNullException"/> for <paramref name="parameter"/>.</summary>
    Task<int> RequireAsync(string parameter);

    /// <summary>Throws <see cref="VenueHaltedException"/>.</summary>
    Task HaltAsync(string venue);
}

/// <summary>Implements <see cref="IQuoteBookGrain"/> in memory.</summary>
public sealed class QuoteBookGrain(ClusterMembership membership) : Grain, IQuoteBookGrain
{
    private ImmutableList<Quote> _quotes = [];

    /// <inheritdoc/>
    public Task<QuoteReceipt> SubmitAsync(Quote quote, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(quote);
        _quotes = _quotes.Add(quote);
        return Task.FromResult(new QuoteReceipt(quote.Market, quote.Levels.Sum(), _quotes.Count, at, membership.LocalMember));
    }

    /// <inheritdoc/>
    public ValueTask<ImmutableList<Quote>> QuotesAsync() => ValueTask.FromResult(_quotes);

    /// <inheritdoc/>
    public Task ClearAsync()
    {
        _quotes = [];
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<string?> NothingAsync() => Task.FromResult<string?>(null);

    /// <inheritdoc/>
    public Task<int> MemberAsync() => Task.FromResult(membership.LocalMember);

    /// <inheritdoc/>
    public async Task RejectAsync(string reason)
    {
        await Task.Yield();
        throw new InvalidOperationException(reason);
    }

    /// <inheritdoc/>
    public Task<int> RequireAsync(string parameter) => throw new ArgumentNullException(parameter, $"{parameter} is required");

    /// <inheritdoc/>
    public Task HaltAsync(string venue) => throw new VenueHaltedException(venue, DateTimeOffset.UnixEpoch);
}
