using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Operators;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;

namespace PerpStudio.Grains.Accounts;

/// <summary>The trader's trailing volume (it picks the fee tier) and the fee credits and referral rebate of each fill.</summary>
public sealed partial class AccountGrain
{
    /// <inheritdoc />
    public Task<Money> GetTrailingVolumeAsync() => Task.FromResult(S.Volume.TrailingAt(Today));

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>What a fill's fee is priced on: its tier comes from the volume traded before it, its rebate from the referrer.</summary>
    private FeeParameters FeeInputs(AccountFill fill, OperatorPolicy policy) =>
        new(fill.Size, fill.Price, fill.Liquidity, fill.VenueFees, policy) { TrailingVolume = S.Volume.TrailingAt(Today), Referred = S.Referrer is not null };

    /// <summary>Counts an applied fill's notional in today's bucket.</summary>
    private void CountVolume(AccountFill fill) =>
        S = S with { Volume = S.Volume.Add(Today, NotionalOf(fill)) };

    // volume is for tiers and reports: rounding a fill's notional down to the micro-unit loses nothing that matters
    private static Money NotionalOf(AccountFill fill) => Exact.ToMoney(Exact.Notional(fill.Size, fill.Price), Rounding.Floor);

    /// <summary>Queues the fee credit for the collector and, for a referred trader, the rebate for the referrer's ledger.</summary>
    private void QueueFeeCredits(AccountFill fill, FeeCharge fee)
    {
        if (fee.Total.IsPositive)
        {
            var notional = NotionalOf(fill);
            var now = clock.GetUtcNow();
            AddToOutbox(seq => new OutboxItem(seq, new FeeCredit(Key, seq, fill.FillId, fee.Venue, fee.Builder, fee.Platform, fee.Operator)
            {
                Referral = fee.Referral,
                Market = fill.Market,
                Time = now,
                Notional = notional,
            }, null));
        }

        if (fee.Referral.IsPositive && S.Referrer is { } referrer)
        {
            var rebate = new ReferralRebate($"{Key}:fill:{fill.FillId}", referrer.ReferrerAccountKey, Key, fill.FillId, fill.Market, fee.Referral);
            AddToOutbox(seq => new OutboxItem(seq, null, null) { Rebate = rebate });
        }
    }
}
