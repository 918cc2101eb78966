using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Contract;
using PerpStudio.Venues.Hyperliquid.Http;
using PerpStudio.Venues.Hyperliquid.Signing;

namespace PerpStudio.Venues.Hyperliquid.Execution;

/// <summary>Account set-up beyond the venue contract: agents, builder fee, isolated margin, the dead man's switch.</summary>
public sealed partial class HyperliquidVenue
{
    /// <summary>
    /// Approves an agent wallet for the account (user-signed by the account's own key, which the credentials must hold).
    /// The platform trades through agents so that the account key itself can stay offline.
    /// </summary>
    public Task<ExchangeResponse> ApproveAgentAsync(EthereumAddress agent, string? name, CancellationToken cancellationToken)
    {
        var accountKey = RequireAccountKey();
        var action = ExchangeActions.ApproveAgent(agent, name, Exchange.NextNonce(), _options.Network);
        return Exchange.SendUserSignedAsync(accountKey, UserSignedActionKind.ApproveAgent, action, cancellationToken);
    }

    /// <summary>Approves the operator's builder fee up to <paramref name="maxFeeRate"/> (user-signed by the account's own key).</summary>
    public Task<ExchangeResponse> ApproveBuilderFeeAsync(EthereumAddress builder, Rate maxFeeRate, CancellationToken cancellationToken)
    {
        var accountKey = RequireAccountKey();
        var action = ExchangeActions.ApproveBuilderFee(builder, maxFeeRate, Exchange.NextNonce(), _options.Network);
        return Exchange.SendUserSignedAsync(accountKey, UserSignedActionKind.ApproveBuilderFee, action, cancellationToken);
    }

    /// <summary>Moves margin into (positive) or out of (negative) an isolated position.</summary>
    public async Task<Result<ExchangeResponse>> UpdateIsolatedMarginAsync(MarketId market, Side positionSide, Money amount, CancellationToken cancellationToken)
    {
        if (!_markets.TryGet(market, out var m))
        {
            return VenueRejectCodes.UnknownMarketError(market);
        }

        return await Exchange.SendAsync(ExchangeActions.UpdateIsolatedMargin(m.Asset, positionSide == Side.Buy, amount), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Arms the dead man's switch: every open order is cancelled at <paramref name="at"/> unless re-armed; null disarms it.</summary>
    public Task<ExchangeResponse> ScheduleCancelAsync(DateTimeOffset? at, CancellationToken cancellationToken) =>
        Exchange.SendAsync(ExchangeActions.ScheduleCancel(at?.ToUnixTimeMilliseconds()), cancellationToken);

    private PrivateKey RequireAccountKey() =>
        _credentials.AccountKey ?? throw new InvalidOperationException("user-signed actions need the account's own key in the credentials");
}
