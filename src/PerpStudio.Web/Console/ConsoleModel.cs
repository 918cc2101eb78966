using PerpStudio.Api.Application;
using PerpStudio.Api.Errors;
using PerpStudio.Api.Operators;
using PerpStudio.Grains.Abstractions;
using PerpStudio.Web.Sites;

namespace PerpStudio.Web.Console;

/// <summary>The operator console: everything OperatorAdminService shows the operator's admin.</summary>
/// <param name="Site">The operator's site.</param>
/// <param name="Operator">Profile and trading configuration, or null when not signed in.</param>
/// <param name="Audit">The audit log, newest first.</param>
/// <param name="Revenue">Fees collected so far, by recipient.</param>
/// <param name="Users">Traders with equity and open positions.</param>
/// <param name="Refusal">Why the last change was refused, or null.</param>
/// <param name="Notice">What the last change did, or null.</param>
/// <param name="NewSecret">A key created just now: shown this once.</param>
public sealed record ConsoleModel(
    OperatorSite Site,
    OperatorView? Operator,
    IReadOnlyList<AuditRecord> Audit,
    FeeTotals? Revenue,
    IReadOnlyList<UserListing> Users,
    ApiError? Refusal = null,
    string? Notice = null,
    CreatedApiKey? NewSecret = null)
{
    /// <summary>Revenue rows per market and UTC day for <see cref="RevenueFilter"/>, or null when not signed in.</summary>
    public RevenueView? Report { get; init; }

    /// <summary>The days and market the revenue table shows.</summary>
    public RevenueFilter RevenueFilter { get; init; } = RevenueFilter.Recent;

    /// <summary>The sign-in form only.</summary>
    public static ConsoleModel SignedOut(OperatorSite site, ApiError? refusal = null) => new(site, null, [], null, [], refusal);
}

/// <summary>Which revenue rows the console shows.</summary>
/// <param name="From">First UTC day, or null for the oldest kept.</param>
/// <param name="To">Last UTC day, or null for today.</param>
/// <param name="Market">One market, or null for all.</param>
public sealed record RevenueFilter(DateOnly? From, DateOnly? To, Domain.Markets.MarketId? Market)
{
    /// <summary>Every row kept.</summary>
    public static readonly RevenueFilter Recent = new(null, null, null);
}
