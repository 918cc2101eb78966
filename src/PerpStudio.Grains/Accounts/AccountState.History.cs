namespace PerpStudio.Grains.Accounts;

/// <summary>What of the account's history has moved out of the hot state into pages.</summary>
public sealed partial record AccountState
{
    /// <summary>The history pages written so far.</summary>
    public HistoryMarks History { get; init; } = new();
}

/// <summary>
/// How many history pages of each kind are stored. A page is written before the hot state that names it, so a page
/// beyond these counts is one whose hot state was never stored: it is ignored and later replaced.
/// </summary>
public sealed record HistoryMarks
{
    /// <summary>The page size in use (fills and ledger entries are located by sequence with it).</summary>
    public int PageSize { get; init; } = AccountPaging.PageSize;

    /// <summary>Pages of finished orders.</summary>
    public int OrderPages { get; init; }

    /// <summary>Pages of fills; the hot state keeps the fills after <see cref="FillsPagedOut"/>.</summary>
    public int FillPages { get; init; }

    /// <summary>Pages of ledger entries.</summary>
    public int LedgerPages { get; init; }

    /// <summary>Fills moved into pages (the hot state's first fill has the sequence after this).</summary>
    public long FillsPagedOut => (long)FillPages * PageSize;
}

/// <summary>When the account moves history out of its hot state.</summary>
public static class AccountPaging
{
    /// <summary>
    /// Items per page. Small on purpose: the hot state is written on every order, so its size is the cost of each
    /// write; a page is written once per this many finished orders, fills or ledger entries.
    /// </summary>
    public const int PageSize = 32;

    /// <summary>
    /// Finished orders per page: smaller than <see cref="PageSize"/> because finished orders are the bulk of what a
    /// place/cancel flow keeps hot (three writes per order), while pages are only read on activation and lookups.
    /// </summary>
    public const int OrderPageSize = 8;
}
