using PerpStudio.Domain.Errors;
using PerpStudio.Domain.Margin;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Grains.Events;
using PerpStudio.Runtime;
using PerpStudio.Runtime.Storage;

namespace PerpStudio.Grains.Accounts;

/// <summary>
/// A trader's account: the collateral ledger, cross positions, open orders and their reservations. Rules are the
/// Domain's; this grain keeps state, deduplicates by id, writes ahead before calling out, and publishes events.
/// </summary>
public sealed partial class AccountGrain(
    [PersistentState("account", GrainKeys.Storage)] IPersistentState<AccountState> state,
    IOrderGateway gateway,
    IAccountEventHub events,
    ILiquidationIndexSink liquidationIndex,
    PersistentStateFactory histories,
    TimeProvider clock) : Grain, IAccountGrain
{
    private readonly List<AccountEvent> _unpublished = [];

    // cross collateral or positions changed in this turn: every cross position is re-reported to the index after the write
    private readonly HashSet<MarketId> _crossClosed = [];
    private bool _crossRiskChanged;

    private string Key => this.GetPrimaryKeyString();

    private string OperatorId => GrainKeys.ParseAccount(Key).OperatorId;

    private AccountState S
    {
        get => state.State;
        set => state.State = value;
    }

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadHistoryAsync();

        // finish what a previous activation recorded but could not complete
        await CompletePendingAsync();
        await DeliverOutboxAsync();
    }

    /// <inheritdoc />
    public async Task<Result<LedgerReceipt>> DepositAsync(Deposit deposit)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        var key = $"deposit:{deposit.DepositId}";
        if (await DuplicateAsync(key) is { } repeat)
        {
            return repeat;
        }

        if (string.IsNullOrWhiteSpace(deposit.DepositId))
        {
            return Refusals.Required("deposit_id");
        }

        if (!deposit.Amount.IsPositive)
        {
            return Refusals.NotPositive("amount", deposit.Amount.ToString());
        }

        if (deposit.Demo && !(await OperatorAsync().GetConfigAsync()).DemoDeposits)
        {
            return new DomainError(ErrorKind.FailedPrecondition, "demo_deposits_disabled", "demo", "this operator does not allow demo deposits");
        }

        var entry = Book(key, LedgerEntryKind.Deposit, deposit.Amount, null, deposit.DepositId);
        await SaveAsync();
        return await ReceiptAsync(entry, false);
    }

    /// <inheritdoc />
    public async Task<Result<LedgerReceipt>> WithdrawAsync(Withdrawal withdrawal)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        var key = $"withdrawal:{withdrawal.WithdrawalId}";
        if (await DuplicateAsync(key) is { } repeat)
        {
            return repeat;
        }

        if (string.IsNullOrWhiteSpace(withdrawal.WithdrawalId))
        {
            return Refusals.Required("withdrawal_id");
        }

        var (cross, _) = await CrossAsync();
        var allowed = cross.Withdraw(withdrawal.Amount);
        if (!allowed.IsSuccess)
        {
            return allowed.Error;
        }

        var entry = Book(key, LedgerEntryKind.Withdrawal, -withdrawal.Amount, null, withdrawal.WithdrawalId);
        await SaveAsync();
        return await ReceiptAsync(entry, false);
    }

    /// <inheritdoc />
    public async Task<Result<LedgerReceipt>> CreditTransferAsync(TransferCredit transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var key = $"transfer-in:{transfer.TransferId}";
        if (await DuplicateAsync(key) is { } repeat)
        {
            return repeat;
        }

        if (string.IsNullOrWhiteSpace(transfer.TransferId))
        {
            return Refusals.Required("transfer_id");
        }

        if (!transfer.Amount.IsPositive)
        {
            return Refusals.NotPositive("amount", transfer.Amount.ToString());
        }

        var entry = Book(key, LedgerEntryKind.TransferIn, transfer.Amount, transfer.Market, transfer.TransferId);
        if (transfer.Market is { } market && S.Isolated.ContainsKey(market.Symbol))
        {
            await RefreshIsolatedLinkAsync(market);
        }

        await SaveAsync();
        return await ReceiptAsync(entry, false);
    }

    private async Task<Result<LedgerReceipt>?> DuplicateAsync(string key)
    {
        var entry = await FindLedgerAsync(key);
        if (entry is null)
        {
            return null;
        }

        return Result<LedgerReceipt>.Ok(new LedgerReceipt(entry, true, S.Ledger.Balance, Money.Zero));
    }

    private async Task<Result<LedgerReceipt>> ReceiptAsync(LedgerEntry entry, bool duplicate)
    {
        var (cross, _) = await CrossAsync();
        return new LedgerReceipt(entry, duplicate, cross.Collateral, cross.Withdrawable);
    }

    /// <summary>Books a ledger entry and queues its event.</summary>
    private LedgerEntry Book(string key, LedgerEntryKind kind, Money amount, MarketId? market, string reference)
    {
        if (History.HasLedgerKey(key))
        {
            // the hot book only knows its own keys: a key in history is a repeat the caller should have caught
            throw new InvalidOperationException($"ledger key {key} is already booked");
        }

        var (ledger, entry) = S.Ledger.Book(key, kind, amount, market, reference, clock.GetUtcNow());
        S = S with { Ledger = ledger };
        _crossRiskChanged = true;
        Emit(seq => new MarginChanged(Key, seq, clock.GetUtcNow(), entry, S.Ledger.Balance, S.Reserved, IsolatedMargin()));
        return entry;
    }

    private Money IsolatedMargin() => S.Isolated.Values.Aggregate(Money.Zero, (sum, l) => sum + l.Margin);

    /// <summary>Queues an event under the next sequence number (stored with the state, published after the write).</summary>
    private void Emit(Func<long, AccountEvent> create)
    {
        var seq = S.EventSequence + 1;
        S = S with { EventSequence = seq };
        _unpublished.Add(create(seq));
    }

    /// <summary>Writes the state, then publishes the events it recorded.</summary>
    private async Task SaveAsync()
    {
        try
        {
            await PageOutAsync();
            await state.WriteStateAsync();
        }
        catch
        {
            // memory now differs from storage: drop this activation so the next call reloads what was stored
            _touchedOrders.Clear();
            _unpublished.Clear();
            _crossClosed.Clear();
            _crossRiskChanged = false;
            DeactivateOnIdle();
            throw;
        }

        _touchedOrders.Clear();
        foreach (var e in _unpublished)
        {
            events.Publish(e);
        }

        _unpublished.Clear();
        if (_crossRiskChanged)
        {
            await ReportCrossPositionsAsync();
        }
    }

    private IOperatorGrain OperatorAsync() => GrainFactory.GetGrain<IOperatorGrain>(OperatorId);

    private async Task<Result<MarketContext>> MarketAsync(MarketId market)
    {
        var snapshot = await GrainFactory.GetGrain<IMarketGrain>(market.Symbol).GetSnapshotAsync();
        var rules = MarketRulesCache.Of(snapshot.Spec);
        return rules.IsSuccess ? new MarketContext(snapshot, rules.Value) : rules.Error;
    }

    /// <summary>The Domain's cross account from state, each position at its market's current mark.</summary>
    private async Task<(CrossAccount Account, Dictionary<string, MarketContext> Markets)> CrossAsync()
    {
        var markets = new Dictionary<string, MarketContext>(StringComparer.Ordinal);
        var positions = new List<(MarketRules, Position, int, Price)>();
        foreach (var p in S.Cross.Values)
        {
            var context = await MarketAsync(p.Market);
            if (!context.IsSuccess)
            {
                throw new InvalidOperationException($"market {p.Market} has an invalid spec: {context.Error}");
            }

            markets[p.Market.Symbol] = context.Value;
            var mark = context.Value.Snapshot.Mark.IsPositive ? context.Value.Snapshot.Mark : p.Mark;
            if (!p.Position.IsFlat)
            {
                positions.Add((context.Value.Rules, p.Position, p.Leverage, mark));
            }
        }

        var account = CrossAccount.Restore(S.Ledger.Balance, S.Reserved, positions);
        return account.IsSuccess
            ? (account.Value, markets)
            : throw new InvalidOperationException($"stored account state is invalid: {account.Error}");
    }

    /// <summary>A market's snapshot with its Domain rules.</summary>
    /// <param name="Snapshot">Spec and prices.</param>
    /// <param name="Rules">The validated rules.</param>
    private sealed record MarketContext(MarketSnapshot Snapshot, MarketRules Rules);
}
